using System.Runtime.Versioning;
using Prism.Pipeline.Engine;
using Prism.Pipeline.Tauri;
using Prism.Pipeline.Tools;

namespace Prism.Pipeline.Tests.Tauri;

public class AtomicWriteTests
{
    private const string Config = "{\n  \"identifier\": \"a.b\"\n}\n";

    [Fact]
    public void Failed_write_leaves_the_original_bytes_and_no_temporary_file()
    {
        using var folder = new TemporaryFolder();
        var path = folder.Write("tauri.conf.json", Config);
        var failingFile = new AtomicFile(temporary => new FailingStream(temporary, bytesBeforeFailure: 10));

        Assert.Throws<IOException>(() => new TauriConfigPatcher(ConfigFixture.Validator, failingFile).Patch(path, ConfigFixture.Sidecars));

        Assert.Equal(Config, File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void Failure_after_the_content_is_written_still_keeps_the_original()
    {
        using var folder = new TemporaryFolder();
        var path = folder.Write("tauri.conf.json", Config);
        var failingFile = new AtomicFile(temporary => new FailingStream(temporary, bytesBeforeFailure: int.MaxValue, failOnDispose: true));

        Assert.Throws<IOException>(() => failingFile.WriteAllBytes(path, "{}"u8));

        Assert.Equal(Config, File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void Successful_write_replaces_the_content()
    {
        using var folder = new TemporaryFolder();
        var path = folder.Write("tauri.conf.json", Config);

        new AtomicFile().WriteAllBytes(path, "{}"u8);

        Assert.Equal("{}", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(folder.Path));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void Successful_write_keeps_the_unix_mode()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes do not exist on Windows.");
        using var folder = new TemporaryFolder();
        var path = folder.Write("tauri.conf.json", Config);
        const UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        File.SetUnixFileMode(path, mode);

        new AtomicFile().WriteAllBytes(path, "{}"u8);

        Assert.Equal(mode, File.GetUnixFileMode(path));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void A_symlinked_config_stays_a_link_its_target_gets_the_patch_and_keeps_its_mode()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Creating symbolic links on Windows needs developer mode or admin rights.");
        using var folder = new TemporaryFolder();
        var shared = Directory.CreateDirectory(Path.Combine(folder.Path, "shared")).FullName;
        var target = Path.Combine(shared, "tauri.conf.json");
        File.WriteAllText(target, Config);
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        File.SetUnixFileMode(target, mode);
        var link = Path.Combine(folder.Path, "tauri.conf.json");
        File.CreateSymbolicLink(link, Path.Combine("shared", "tauri.conf.json"));

        var result = new TauriConfigPatcher(ConfigFixture.Validator).Patch(link, ConfigFixture.Sidecars);

        Assert.True(result.Changed);
        Assert.Equal(Path.Combine("shared", "tauri.conf.json"), new FileInfo(link).LinkTarget);
        Assert.Contains("externalBin", File.ReadAllText(target), StringComparison.Ordinal);
        Assert.Equal(mode, File.GetUnixFileMode(target));
        Assert.Equal([target], Directory.GetFiles(shared));
        Assert.Equal([link], Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void A_read_only_config_fails_with_a_clear_message_and_stays_untouched()
    {
        using var folder = new TemporaryFolder();
        var path = folder.Write("tauri.conf.json", Config);
        // Read-only by mode (or attribute), as the owner marked it: the tests run as root, who could write it anyway,
        // and any user could rename over it, so the check is on the mode, not on a failed write.
        MakeReadOnly(path);
        try
        {
            var error = Assert.Throws<BuildException>(() => new TauriConfigPatcher(ConfigFixture.Validator).Patch(path, ConfigFixture.Sidecars));

            Assert.StartsWith($"{path} ", error.Message, StringComparison.Ordinal);
            Assert.Contains("so the build left it as it is. Make it writable", error.Message, StringComparison.Ordinal);
            Assert.Equal(Config, File.ReadAllText(path));
            Assert.Equal([path], Directory.GetFiles(folder.Path));
        }
        finally
        {
            File.SetAttributes(path, FileAttributes.Normal);
        }
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void A_config_read_only_by_its_mode_is_named_with_that_mode_and_keeps_it()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes do not exist on Windows (the read-only attribute is checked above).");
        using var folder = new TemporaryFolder();
        var path = folder.Write("tauri.conf.json", Config);
        MakeReadOnly(path);
        var modeBefore = File.GetUnixFileMode(path);

        var error = Assert.Throws<BuildException>(() => new TauriConfigPatcher(ConfigFixture.Validator).Patch(path, ConfigFixture.Sidecars));

        Assert.Contains("is read-only (mode 444)", error.Message, StringComparison.Ordinal);
        Assert.Equal(modeBefore, File.GetUnixFileMode(path));
    }

    private static void MakeReadOnly(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            File.SetAttributes(path, FileAttributes.ReadOnly);
        }
        else
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
    }

    /// <summary>A real temporary file that throws after some bytes, or when closed, like a full disk would.</summary>
    internal sealed class FailingStream(string path, int bytesBeforeFailure, bool failOnDispose = false)
        : FileStream(path, FileMode.CreateNew)
    {
        private int written;

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            var allowed = Math.Min(buffer.Length, bytesBeforeFailure - written);
            base.Write(buffer[..allowed]);
            written += allowed;
            if (allowed < buffer.Length)
            {
                throw new IOException("No space left on device");
            }
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing && failOnDispose)
            {
                throw new IOException("No space left on device");
            }
        }
    }
}
