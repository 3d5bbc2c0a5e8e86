using Prism.Pipeline.Sidecars;
using Prism.Pipeline.Sidecars.Inspection;
using Prism.Pipeline.Sidecars.Staging;
using Prism.Pipeline.Tests.Engine;
using Prism.Pipeline.Tests.Sidecars.Inspection;
using Prism.Pipeline.Tools;
using Prism.Platform;

namespace Prism.Pipeline.Tests.Pipeline;

/// <summary>
/// The real Verify target (in-process, on a temporary root) over staged binaries and the records Stage leaves: the size
/// budget of each binary's own architecture, and the AppImage warning for a Linux single file — a warning, not a failure.
/// </summary>
public sealed class VerifyTargetTests : IDisposable
{
    private readonly BuildHarness harness = new();

    public VerifyTargetTests() =>
        File.WriteAllText(Path.Combine(harness.Root, "tauri.conf.json"),
            """{"identifier": "a.b", "bundle": {"externalBin": ["src-tauri/binaries/tr-daemon"]}}""");

    public void Dispose() => harness.Dispose();

    [Fact]
    public void A_linux_single_file_passes_with_a_warning_naming_the_appimage_problem()
    {
        StageDaemon("linux-arm64", "single-file", sizeBytes: 20 * SizeBudget.Megabyte);

        var run = Verify("linux-arm64");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("tr-daemon-aarch64-unknown-linux-gnu is a .NET single file: Tauri's AppImage bundler runs patchelf over every binary, " +
                        "which corrupts a single file's appended bundle (tauri#5189, tauri#11898)", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("linux-arm64", "aot")]
    [InlineData("linux-musl-x64", "single-file")]
    [InlineData("win-x64", "single-file")]
    public void Native_aot_musl_and_other_systems_get_no_appimage_warning(string rid, string mode)
    {
        StageDaemon(rid, mode, sizeBytes: 5 * SizeBudget.Megabyte);

        var run = Verify(rid);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.DoesNotContain("AppImage", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_arm64_native_aot_daemon_gets_the_arm64_budget()
    {
        StageDaemon("linux-arm64", "aot", sizeBytes: (9 * SizeBudget.Megabyte) + (SizeBudget.Megabyte / 2));

        var run = Verify("linux-arm64");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("Daemon (NativeAot, Arm64): 9.5 MiB of 10.0 MiB budget — ok", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_x64_native_aot_daemon_of_the_same_size_is_over_its_budget()
    {
        StageDaemon("linux-x64", "aot", sizeBytes: (9 * SizeBudget.Megabyte) + (SizeBudget.Megabyte / 2));

        var run = Verify("linux-x64");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Verify found problems:" + Environment.NewLine +
                        "  - tr-daemon-x86_64-unknown-linux-gnu: Daemon (NativeAot, X64): 9.5 MiB of 9.0 MiB budget — OVER BUDGET", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void All_triples_is_every_tauri_release_platform_and_no_musl_one()
    {
        var binaries = Path.Combine(harness.Root, "src-tauri", "binaries");
        Directory.CreateDirectory(binaries);
        using var folder = new TemporaryFolder();
        var staged = new List<string>();
        foreach (var (triple, bytes) in new (string, byte[])[]
                 {
                     ("x86_64-unknown-linux-gnu", CraftedBinaries.Elf(CraftedBinaries.ElfX64, is64: true)),
                     ("aarch64-unknown-linux-gnu", CraftedBinaries.Elf(CraftedBinaries.ElfArm64, is64: true)),
                     ("x86_64-apple-darwin", CraftedBinaries.MachO(CraftedBinaries.MachOX64)),
                     ("aarch64-apple-darwin", CraftedBinaries.MachO(CraftedBinaries.MachOArm64)),
                     ("universal-apple-darwin", CraftedBinaries.Fat(CraftedBinaries.MachOX64, CraftedBinaries.MachOArm64)),
                     ("x86_64-pc-windows-msvc", CraftedBinaries.Pe(CraftedBinaries.PeAmd64)),
                 })
        {
            var name = SidecarFileNames.Staged("tr-daemon", triple);
            File.Move(CraftedBinaries.WriteExecutable(folder, name, bytes), Path.Combine(binaries, name));
            staged.Add(name);
        }

        var run = harness.Run(new Build(), "Verify", "Verify", "--skip", "--no-logo", "--sidecar-names", "tr-daemon", "--all-triples");

        Assert.True(run.ExitCode == 0, run.Output);
        // Each of the six verified, each once: a summary note under the Verify row per binary.
        var verified = System.Text.RegularExpressions.Regex.Matches(run.Output.ReplaceLineEndings("\n"), @"^\s+(tr-daemon-[^\s:]+): ", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Select(match => match.Groups[1].Value);
        Assert.Equal(staged.Order(StringComparer.Ordinal), verified.Order(StringComparer.Ordinal));
        Assert.DoesNotContain("musl", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_binary_changed_since_it_was_staged_is_not_measured_against_its_stale_record()
    {
        var path = StageDaemon("linux-x64", "aot", sizeBytes: (9 * SizeBudget.Megabyte) + (SizeBudget.Megabyte / 2));
        using (var file = File.OpenWrite(path))
        {
            file.Position = file.Length - 1;
            file.WriteByte(1);
        }

        var run = Verify("linux-x64");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("no size budget: not a single-slice binary staged by this build", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("OVER BUDGET", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_selected_sidecar_that_was_never_staged_is_missing()
    {
        StageDaemon("linux-x64", "aot", sizeBytes: 5 * SizeBudget.Megabyte);

        var run = harness.Run(new Build(), "Verify", "Verify", "--skip", "--no-logo", "--runtimes", "linux-x64");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{Path.Combine(harness.Root, "src-tauri", "binaries", "prism-x86_64-unknown-linux-gnu")}: missing.", run.Output, StringComparison.Ordinal);
    }

    private BuildRun Verify(string rid) => harness.Run(new Build(), "Verify", "Verify", "--skip", "--no-logo", "--sidecar-names", "tr-daemon", "--runtimes", rid);

    /// <summary>A crafted binary of <paramref name="rid"/>'s format padded to the size, and the record Stage would have written.</summary>
    private string StageDaemon(string rid, string mode, long sizeBytes)
    {
        var runtime = TargetTable.ForRid(rid);
        var header = runtime.Os == TargetOs.Windows ? CraftedBinaries.Pe(CraftedBinaries.PeAmd64)
            : CraftedBinaries.Elf(runtime.Architecture == System.Runtime.InteropServices.Architecture.Arm64 ? CraftedBinaries.ElfArm64 : CraftedBinaries.ElfX64, is64: true);
        var bytes = new byte[sizeBytes];
        header.CopyTo(bytes, 0);
        var fileName = SidecarFileNames.Staged("tr-daemon", runtime.Triple);
        var binaries = Path.Combine(harness.Root, "src-tauri", "binaries");
        Directory.CreateDirectory(binaries);
        var path = Path.Combine(binaries, fileName);
        File.WriteAllBytes(path, bytes);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        }

        new StagedBinary("tr-daemon", SidecarKind.Daemon, runtime, runtime.Triple, StagedModeNames.Parse(mode)!.Value, fileName, sizeBytes, ContentHash.Sha256(path))
            .Save(new Prism.Pipeline.Engine.AbsolutePath(Path.Combine(harness.Root, "artifacts", "staged")));
        return path;
    }
}
