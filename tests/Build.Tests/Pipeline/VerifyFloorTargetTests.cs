using Prism.Pipeline.Sidecars;
using Prism.Pipeline.Sidecars.Staging;
using Prism.Pipeline.Tests.Engine;
using Prism.Pipeline.Tests.Sidecars.Floors;
using Prism.Pipeline.Tools;
using Prism.Platform;

namespace Prism.Pipeline.Tests.Pipeline;

/// <summary>
/// The real Verify target (in-process, on a temporary root) on binaries linked here: the glibc floor as a parameter,
/// and the macOS promise read from the Tauri config beside the staged binaries.
/// </summary>
public sealed class VerifyFloorTargetTests : IDisposable
{
    private readonly BuildHarness harness = new();
    private readonly TemporaryFolder folder = new();

    public void Dispose()
    {
        harness.Dispose();
        folder.Dispose();
    }

    [Fact]
    public void A_daemon_needing_glibc_2_36_fails_the_default_floor_and_passes_with_glibc_floor_2_36()
    {
        Assert.SkipUnless(CurrentRuntime.Rid == "linux-x64", "links an x64 Linux program with this machine's glibc");
        WriteConfig("{}");
        Stage("linux-x64", ToolchainBinaries.Elf(folder, "daemon", "#include <stdlib.h>\nint main(void) { return (int)(arc4random() & 1); }\n"));

        var failed = Verify("linux-x64");
        var passed = Verify("linux-x64", "--glibc-floor", "2.36");

        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("tr-daemon-x86_64-unknown-linux-gnu needs GLIBC_2.36 of libc.so.6 (arc4random@GLIBC_2.36), above the glibc floor 2.35", failed.Output, StringComparison.Ordinal);
        Assert.True(passed.ExitCode == 0, passed.Output);
        Assert.Contains("glibc 2.36 (floor 2.36); needs libc.so.6", passed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_glibc_floor_that_is_no_version_stops_the_build_naming_the_form()
    {
        var run = Verify("linux-x64", "--glibc-floor", "jammy");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("a version such as 2.35", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_macos_promise_comes_from_the_tauri_config()
    {
        WriteConfig("""{"identifier": "a.b", "bundle": {"macOS": {"minimumSystemVersion": "12.0"}}}""");
        Stage("osx-arm64", ToolchainBinaries.MachO(folder, "daemon", "arm64", "13.0"));

        var failed = Verify("osx-arm64");
        WriteConfig("""{"identifier": "a.b", "bundle": {"macOS": {"minimumSystemVersion": "13.0"}}}""");
        var passed = Verify("osx-arm64");

        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("tr-daemon-aarch64-apple-darwin: it (Arm64) needs macOS 13.0 (LC_BUILD_VERSION), but the app promises macOS 12.0 " +
                        $"(bundle.macOS.minimumSystemVersion in {Path.Combine(harness.Root, "tauri.conf.json")})", failed.Output, StringComparison.Ordinal);
        Assert.True(passed.ExitCode == 0, passed.Output);
        Assert.Contains("Arm64 macOS 13.0 (app promises 13.0)", passed.Output, StringComparison.Ordinal);
    }

    private void WriteConfig(string json) => File.WriteAllText(Path.Combine(harness.Root, "tauri.conf.json"), json);

    private BuildRun Verify(string rid, params string[] more) =>
        harness.Run(new Build(), "Verify", ["Verify", "--skip", "--no-logo", "--sidecar-names", "tr-daemon", "--runtimes", rid, .. more]);

    /// <summary>Puts the binary where Stage would, with the record Stage writes.</summary>
    private void Stage(string rid, string binary)
    {
        var runtime = TargetTable.ForRid(rid);
        var fileName = SidecarFileNames.Staged("tr-daemon", runtime.Triple);
        var path = Path.Combine(harness.Root, "src-tauri", "binaries", fileName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(binary, path);
        new StagedBinary("tr-daemon", SidecarKind.Daemon, runtime, runtime.Triple, StagedMode.NativeAot, fileName, new FileInfo(path).Length, ContentHash.Sha256(path))
            .Save(new Prism.Pipeline.Engine.AbsolutePath(Path.Combine(harness.Root, "artifacts", "staged")));
    }
}
