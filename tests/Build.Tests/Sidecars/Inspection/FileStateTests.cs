using Prism.Pipeline.Sidecars.Inspection;

namespace Prism.Pipeline.Tests.Sidecars.Inspection;

public class FileStateTests
{
    private const string Triple = "x86_64-unknown-linux-gnu";

    [Fact]
    public void Missing_file_says_to_run_stage()
    {
        using var folder = new TemporaryFolder();
        var path = Path.Combine(folder.Path, "tr-daemon-x86_64-unknown-linux-gnu");

        var failure = Assert.Single(BinaryInspector.Inspect(path, Triple).Failures);

        Assert.Equal(new CheckFailure("exists", $"{path}: missing. Run the Stage target (or `./build.sh Publish Stage`) for this triple."), failure);
    }

    [Fact]
    public void Folder_is_not_a_file()
    {
        using var folder = new TemporaryFolder();

        var failure = Assert.Single(BinaryInspector.Inspect(folder.Path, Triple).Failures);

        Assert.Equal("file", failure.Check);
    }

    [Fact]
    public void Empty_file_is_reported_as_empty()
    {
        using var folder = new TemporaryFolder();
        var path = CraftedBinaries.WriteExecutable(folder, "sidecar", []);

        var failure = Assert.Single(BinaryInspector.Inspect(path, Triple).Failures);

        Assert.Equal("empty", failure.Check);
    }

    [Fact]
    public void Git_lfs_pointer_says_to_run_git_lfs_pull()
    {
        using var folder = new TemporaryFolder();
        var pointer = "version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n"u8.ToArray();
        var path = CraftedBinaries.WriteExecutable(folder, "sidecar", pointer);

        var failure = Assert.Single(BinaryInspector.Inspect(path, Triple).Failures);

        Assert.Equal(new CheckFailure("lfs-pointer", $"{path}: is a Git LFS pointer, not the binary. Run `git lfs pull` (or enable LFS in the CI checkout)."), failure);
    }

    [Fact]
    public void Text_file_is_not_a_binary()
    {
        using var folder = new TemporaryFolder();
        var path = CraftedBinaries.WriteExecutable(folder, "sidecar", "#!/bin/sh\nexec dotnet tr-daemon.dll\n"u8.ToArray());

        var failure = Assert.Single(BinaryInspector.Inspect(path, Triple).Failures);

        Assert.Equal($"{path}: header is not a valid PE, ELF or Mach-O binary (a text file, or truncated/corrupt), but {Triple} needs ELF X64. "
            + "Stage the linux-x64 publish under this name.", failure.Message);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void File_without_the_executable_bit_says_to_chmod_it()
    {
        // [UnsupportedOSPlatform] only informs the analyzer; xunit would still run the test there.
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Windows has no Unix mode bits (Verify skips the check there).");
        using var folder = new TemporaryFolder();
        var path = CraftedBinaries.WriteExecutable(folder, "sidecar", CraftedBinaries.Elf(CraftedBinaries.ElfX64, is64: true));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var failure = Assert.Single(BinaryInspector.Inspect(path, Triple).Failures);

        Assert.Equal("executable", failure.Check);
        Assert.StartsWith($"{path}: not executable, so Tauri fails with 'os error 13'. Run `chmod +x {path}`;", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Every_failure_is_listed_not_just_the_first()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Windows has no Unix mode bits (Verify skips the check there).");
        using var folder = new TemporaryFolder();
        var path = folder.WriteBytes("sidecar", CraftedBinaries.Pe(CraftedBinaries.PeAmd64));
        File.SetUnixFileMode(path, UnixFileMode.UserRead);

        var result = BinaryInspector.Inspect(path, Triple);

        Assert.Equal(["executable", "header"], result.Failures.Select(failure => failure.Check));
    }
}
