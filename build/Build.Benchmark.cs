using Prism.Pipeline.Emulation;
using Prism.Pipeline.Engine;
using Prism.Pipeline.LockFiles;
using Prism.Pipeline.Sidecars;
using Prism.Pipeline.Tools;
using Prism.Platform;

/// <summary>Speed and size, measured by a timed harness in one process against a Python baseline — never by timed tests.</summary>
internal sealed partial class Build
{
    AbsolutePath BenchmarkProject => RootDirectory / "tests" / "Prism.Benchmarks" / "Prism.Benchmarks.csproj";

    [Parameter("Cold starts per binary in the Benchmark target.")]
    readonly int BenchmarkRuns = 15;

    [Parameter("Cold starts per emulated daemon in the Benchmark target (each takes seconds under qemu-user or Wine).")]
    readonly int BenchmarkEmulatedRuns = 5;

    Target Benchmark => _ => _
        .Description("Publishes this machine's sidecars as Native AOT and as single files and reports size and spawn → first reply, against Python floors; " +
                     "then the daemons of the platforms this machine emulates (linux-arm64 under qemu-user, win-x64 under Wine), Native AOT against single file.")
        .Executes(async () =>
        {
            var binaries = await PublishForThisMachineBothWaysAsync(Selection.Sidecars);
            string[] arguments = [.. binaries.SelectMany(binary => new[] { binary.Request.Sidecar.Kind == SidecarKind.Daemon ? "--daemon" : "--host", $"{binary.Request.ModeName}={binary.Path}" })];
            await RunBenchmarkHarnessAsync([.. arguments, "--runs", BenchmarkRuns.ToString()]);
            if (Selection.Sidecars.Contains(DaemonSidecar))
            {
                await BenchmarkEmulatedDaemonsAsync();
            }
        });

    /// <summary>
    /// Times the daemon of every other release platform this machine runs by emulation, in each mode published for it
    /// (Native AOT where the pipeline compiles it, and a single file), behind its emulator. Emulation slows every mode,
    /// so the figure that carries over to real hardware is the ratio of Native AOT to single file, which the harness prints.
    /// </summary>
    async Task BenchmarkEmulatedDaemonsAsync()
    {
        var emulated = await EmulatedPlatformsAsync(ReleaseRuntimes, runtime => $"{DaemonSidecar.Name} {runtime.Rid}", "not measured");
        if (emulated.Count == 0)
        {
            return;
        }

        var published = await PublishBothWaysAsync([DaemonSidecar], [.. emulated.Select(platform => platform.Runtime)]);
        var sessions = new List<EmulationSession>();
        try
        {
            var arguments = new List<string>();
            var environment = new Dictionary<string, string?>();
            foreach (var (runtime, route) in emulated)
            {
                var session = await EmulationSession.StartAsync(route, CancellationToken);
                sessions.Add(session);
                var modes = published.Where(binary => binary.Request.Runtime == runtime).ToList();
                foreach (var binary in modes)
                {
                    var label = $"{binary.Request.Runtime.Rid} {binary.Request.ModeName} ({route.Emulator!.Description})";
                    arguments.AddRange(["--daemon", $"{label}={binary.Path}"]);
                    arguments.AddRange(session.Prefix.SelectMany(word => new[] { "--prefix", $"{label}={word}" }));
                    foreach (var (name, value) in session.Environment)
                    {
                        environment[name] = value;
                    }
                }

                ReportSummary($"{DaemonSidecar.Name} {runtime.Rid}", $"measured {route.Summary}: " +
                    (modes.Count > 1 ? string.Join(" and ", modes.Select(binary => binary.Request.ModeName)) : $"{modes[0].Request.ModeName} only (no Native AOT publish for it here)"));
            }

            await RunBenchmarkHarnessAsync([.. arguments, "--runs", BenchmarkEmulatedRuns.ToString(), "--no-floor"], environment);
        }
        finally
        {
            await EmulationSession.DisposeAllAsync(sessions);
        }
    }

    /// <summary>Runs the timed harness (tests/Prism.Benchmarks, Release, restored in locked mode) with <paramref name="arguments"/>.</summary>
    Task RunBenchmarkHarnessAsync(IReadOnlyList<string> arguments, Dictionary<string, string?>? environment = null) =>
        LockedRestore.DotNetAsync(ToolRunner, ["run", "--project", BenchmarkProject, "-c", "Release", LockedRestore.Property, "--", .. arguments],
            RootDirectory, environment);
}
