using System.Runtime.Versioning;
using Prism.Daemon.Storage;

namespace Prism.Daemon.UnitTests;

/// <summary>
/// The open that reads a secret refuses a symbolic link by itself (O_NOFOLLOW), so a link swapped in between the
/// checks before it and the open is never followed — the race the process-level tests cannot time.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class PrivateFileTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("prism-private-file-");

    [Fact]
    public void The_open_itself_refuses_a_link_to_a_readable_file()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "O_NOFOLLOW is the Unix read; Windows reads after the link check.");
        var target = Path.Combine(folder.FullName, "elsewhere");
        File.WriteAllText(target, "planted");
        var link = Path.Combine(folder.FullName, "device-id");
        File.CreateSymbolicLink(link, target);

        var refused = Assert.Throws<IOException>(() => PrivateFile.ReadWithoutFollowing(link));

        Assert.Equal("device-id is a symbolic link, which is never followed.", refused.Message);
    }

    [Fact]
    public void The_open_reads_a_plain_file_and_finds_no_file_where_there_is_none()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "O_NOFOLLOW is the Unix read; Windows reads after the link check.");
        var file = Path.Combine(folder.FullName, "device-id");
        File.WriteAllText(file, "abc");

        Assert.Equal("abc"u8.ToArray(), PrivateFile.ReadWithoutFollowing(file));
        Assert.Null(PrivateFile.ReadWithoutFollowing(Path.Combine(folder.FullName, "missing")));
    }

    public void Dispose() => folder.Delete(recursive: true);
}
