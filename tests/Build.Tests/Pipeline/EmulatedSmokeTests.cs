using Prism.Pipeline.Emulation;
using Prism.Platform;

namespace Prism.Pipeline.Tests.Pipeline;

/// <summary>
/// The real Smoke step, as a CI gather job runs it (<c>Smoke --skip</c>: the binaries and records an earlier Stage
/// left), on a copy of this checkout's staged linux-x64, linux-arm64 and win-x64 sidecars: natively, under qemu-user
/// and under Wine when this machine has them; and with a PATH that has no emulator, where the same step passes and
/// says what to install. Staging the foreign platforms takes long, so the tests use what `./build.sh Smoke --runtimes
/// linux-x64 linux-arm64 win-x64` (run by .ci/run before the tests) staged, and are skipped, saying so, without it.
/// </summary>
public sealed class EmulatedSmokeTests : IDisposable
{
    private const string Arm64 = "aarch64-unknown-linux-gnu";
    private const string Windows = "x86_64-pc-windows-msvc";
    private static readonly string[] Sidecars = ["tr-daemon", "prism"];

    private readonly TemporaryFolder root = new();

    public EmulatedSmokeTests()
    {
        Directory.CreateDirectory(Path.Combine(root.Path, ".nuke"));
        File.Copy(Path.Combine(RepositoryPaths.Root, ".nuke", "parameters.json"), Path.Combine(root.Path, ".nuke", "parameters.json"));
    }

    public void Dispose() => root.Dispose();

    [Fact]
    public async Task Smoke_runs_linux_arm64_under_qemu_and_win_x64_under_wine_with_the_native_checks_and_says_so()
    {
        Assert.SkipUnless(CurrentRuntime.Rid == "linux-x64", "the emulated platforms of this test are those of an x64 Linux machine");
        CopyStaged(CurrentRuntime.Triple, Arm64, Windows);
        var probe = EmulationProbe.ForThisMachine(Prism.Pipeline.Engine.BuildContext.ProcessEnvironment());
        var qemu = await probe.RouteForAsync(Arm64, TestContext.Current.CancellationToken);
        var wine = await probe.RouteForAsync(Windows, TestContext.Current.CancellationToken);
        Assert.SkipUnless(qemu.CanRun && wine.CanRun, $"needs qemu-user and Wine: {qemu.Summary}; {wine.Summary}");

        var (exitCode, output) = BuildExecutable.Run(root.Path, ["Smoke", "--skip", "--runtimes", "linux-x64", "linux-arm64", "win-x64", "--no-logo"]);

        Assert.True(exitCode == 0, output);
        foreach (var sidecar in Sidecars)
        {
            Assert.Matches($@"{sidecar}-{CurrentRuntime.Triple}: \S+, [\d.]+ MiB, native, \d+ ms to first reply: passed", output);
            Assert.Matches($@"{sidecar}-{Arm64}: \S+, [\d.]+ MiB, emulated \(qemu-user \d[\w.~+-]*\), \d+ ms to first reply: passed", output);
            Assert.Matches($@"{sidecar}-{Windows}\.exe: \S+, [\d.]+ MiB, emulated \(wine \d[\w.~+-]*\), \d+ ms to first reply: passed", output);
        }
    }

    [Fact]
    public void Without_emulators_smoke_passes_with_the_foreign_binaries_verified_statically_only_and_the_install_command()
    {
        Assert.SkipUnless(CurrentRuntime.Rid == "linux-x64", "linux-arm64 is foreign only to an x64 Linux machine");
        CopyStaged(CurrentRuntime.Triple, Arm64);
        var emptyPath = Directory.CreateDirectory(Path.Combine(root.Path, "empty-path")).FullName;

        var (exitCode, output) = BuildExecutable.Run(root.Path, ["Smoke", "--skip", "--runtimes", "linux-x64", "linux-arm64", "--no-logo"],
            new Dictionary<string, string?> { ["PATH"] = emptyPath });

        Assert.True(exitCode == 0, output);
        foreach (var sidecar in Sidecars)
        {
            Assert.Matches($@"{sidecar}-{CurrentRuntime.Triple}: \S+, [\d.]+ MiB, native, \d+ ms to first reply: passed", output);
            Assert.Matches($@"{sidecar}-{Arm64}: \S+, [\d.]+ MiB: verified statically only \(no qemu-aarch64 on PATH; " +
                           @"to run it here: sudo apt-get update && sudo apt-get install qemu-user\)", output);
        }
    }

    /// <summary>Copies this checkout's staged sidecars of <paramref name="triples"/> and their records; skips the test when one is missing.</summary>
    private void CopyStaged(params string[] triples)
    {
        foreach (var name in triples.SelectMany(triple => Sidecars.Select(sidecar => SidecarFileNames.Staged(sidecar, triple))))
        {
            var binary = Path.Combine(RepositoryPaths.Root, "src-tauri", "binaries", name);
            var record = Path.Combine(RepositoryPaths.Root, "artifacts", "staged", name + ".json");
            Assert.SkipUnless(File.Exists(binary) && File.Exists(record),
                $"{name} is not staged in this checkout: run ./build.sh Stage --runtimes linux-x64 linux-arm64 win-x64 first (.ci/run does)");
            Directory.CreateDirectory(Path.Combine(root.Path, "src-tauri", "binaries"));
            Directory.CreateDirectory(Path.Combine(root.Path, "artifacts", "staged"));
            File.Copy(binary, Path.Combine(root.Path, "src-tauri", "binaries", name));
            File.Copy(record, Path.Combine(root.Path, "artifacts", "staged", name + ".json"));
        }
    }
}
