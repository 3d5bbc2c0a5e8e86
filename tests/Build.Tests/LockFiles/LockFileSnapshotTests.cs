using Prism.Pipeline.LockFiles;

namespace Prism.Pipeline.Tests.LockFiles;

/// <summary>A restore that failed half-way (a package the feed lacks) must leave the lock files as they were.</summary>
public sealed class LockFileSnapshotTests
{
    [Fact]
    public void Restore_puts_back_a_rewritten_lock_file_and_removes_one_that_did_not_exist()
    {
        using var folder = new TemporaryFolder();
        var existing = folder.Write("Daemon/packages.aot.osx-arm64.lock.json", "the committed lock file");
        var absent = Path.Combine(folder.Path, "Protocol", "packages.aot.osx-arm64.lock.json");
        var snapshot = LockFileSnapshot.Take([existing, absent]);
        File.WriteAllText(existing, "written by a failed restore, without runtime.osx-arm64.Microsoft.DotNet.ILCompiler");
        folder.Write("Protocol/packages.aot.osx-arm64.lock.json", "also written by it");

        snapshot.Restore();

        Assert.Equal("the committed lock file", File.ReadAllText(existing));
        Assert.False(File.Exists(absent));
    }
}
