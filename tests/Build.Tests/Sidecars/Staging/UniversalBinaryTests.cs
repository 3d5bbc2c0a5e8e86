using Prism.Pipeline.Engine;
using Prism.Pipeline.Sidecars;
using Prism.Pipeline.Sidecars.Inspection;
using Prism.Pipeline.Sidecars.Staging;
using Prism.Pipeline.Tests.Sidecars.Inspection;
using Prism.Pipeline.Tools;
using Prism.Platform;

namespace Prism.Pipeline.Tests.Sidecars.Staging;

/// <summary>
/// The universal macOS binary made by the real lipo (or llvm-lipo) from two staged slices: in place only when lipo
/// succeeded, executable, with its record; an earlier universal binary survives a lipo that fails.
/// </summary>
public sealed class UniversalBinaryTests : IDisposable
{
    private static readonly Sidecar Daemon = new("tr-daemon", "x.csproj", SidecarKind.Daemon);

    private readonly TemporaryFolder folder = new();
    private readonly AbsolutePath binaries;
    private readonly AbsolutePath records;

    public UniversalBinaryTests()
    {
        binaries = new AbsolutePath(folder.Path) / "binaries";
        records = new AbsolutePath(folder.Path) / "records";
        Directory.CreateDirectory(binaries);
    }

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Lipo_makes_a_universal_binary_and_its_record_from_the_two_staged_slices()
    {
        var staged = await CreateFromTwoSlicesAsync();

        var path = binaries / "tr-daemon-universal-apple-darwin";
        Assert.Equal(path.Name, staged.FileName);
        Assert.Equal((null, TargetTable.UniversalAppleDarwin, StagedMode.NativeAotAndSingleFile), (staged.Runtime, staged.Triple, staged.Mode));
        var inspection = BinaryInspector.Inspect(path, TargetTable.UniversalAppleDarwin);
        Assert.True(inspection.Passed, string.Join("; ", inspection.Failures.Select(failure => failure.Message)));
        Assert.Equal(staged, StagedBinary.Load(records, staged.FileName));
        Assert.Equal(["tr-daemon-aarch64-apple-darwin", "tr-daemon-universal-apple-darwin", "tr-daemon-x86_64-apple-darwin"],
            Directory.EnumerateFileSystemEntries(binaries).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_universal_binary_is_executable()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes: Windows has no executable bit to check.");

        await CreateFromTwoSlicesAsync();

        Assert.Equal(FileModes.Executable, File.GetUnixFileMode(binaries / "tr-daemon-universal-apple-darwin"));
    }

    private async Task<StagedBinary> CreateFromTwoSlicesAsync()
    {
        var lipo = Lipo();
        var slices = (Slice("osx-x64", CraftedBinaries.MachO(CraftedBinaries.MachOX64), StagedMode.NativeAot),
            Slice("osx-arm64", CraftedBinaries.MachO(CraftedBinaries.MachOArm64), StagedMode.SingleFile));
        return await UniversalBinary.CreateAsync(new ToolRunner(Serilog.Core.Logger.None, CancellationToken.None), lipo, Daemon, slices, binaries, records);
    }

    [Fact]
    public async Task A_lipo_that_fails_leaves_the_earlier_universal_binary_and_no_partial_file()
    {
        var lipo = Lipo();
        var earlier = binaries / "tr-daemon-universal-apple-darwin";
        File.WriteAllText(earlier, "the universal binary an earlier Stage made");
        var slices = (Slice("osx-x64", "not a Mach-O at all"u8.ToArray(), StagedMode.NativeAot),
            Slice("osx-arm64", CraftedBinaries.MachO(CraftedBinaries.MachOArm64), StagedMode.NativeAot));

        await Assert.ThrowsAsync<BuildException>(() =>
            UniversalBinary.CreateAsync(new ToolRunner(Serilog.Core.Logger.None, CancellationToken.None), lipo, Daemon, slices, binaries, records));

        Assert.Equal("the universal binary an earlier Stage made", File.ReadAllText(earlier));
        Assert.Equal(3, Directory.EnumerateFileSystemEntries(binaries).Count());
        Assert.Null(StagedBinary.Load(records, earlier.Name));
    }

    private static string Lipo()
    {
        var lipo = UniversalBinary.FindLipo();
        Assert.SkipWhen(lipo is null, "Making a universal binary needs lipo (macOS) or llvm-lipo (LLVM) on PATH.");
        return lipo!;
    }

    private StagedBinary Slice(string rid, byte[] bytes, StagedMode mode)
    {
        var triple = TargetTable.TripleForRid(rid);
        var path = binaries / SidecarFileNames.Staged(Daemon.Name, triple);
        File.WriteAllBytes(path, bytes);
        return StagedBinary.Describe(Daemon, TargetTable.ForRid(rid), mode, path);
    }
}
