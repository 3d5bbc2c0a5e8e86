using Prism.Pipeline.Emulation;
using Prism.Pipeline.Engine;
using Prism.Pipeline.Sidecars;
using Prism.Pipeline.Sidecars.Staging;
using Prism.Pipeline.Tools;
using Prism.Platform;

/// <summary>The sidecars, which of them a run is about and for which platforms, and what Stage left as later targets take it.</summary>
internal sealed partial class Build
{
    /// <summary>The programs Tauri ships beside the app. Adding a sidecar is one line.</summary>
    internal static readonly Sidecar[] Sidecars =
    [
        new("tr-daemon", "src/Prism.Daemon/Prism.Daemon.csproj", SidecarKind.Daemon),
        new("prism", "src/Prism.Host/Prism.Host.csproj", SidecarKind.Host),
    ];

    /// <summary>
    /// How each triple runs on this machine, probed once per run (the emulators' versions, their libraries) however
    /// many of Smoke, Test and Benchmark ask.
    /// </summary>
    EmulationProbe RouteProbe => routeProbe ??= EmulationProbe.ForThisMachine(EnvironmentVariables);

    EmulationProbe? routeProbe;

    /// <summary>
    /// Those of <paramref name="rids"/> other than this machine's that it runs by emulation, with their routes (Test and
    /// Benchmark use them beside this machine's own); each it cannot run is a summary row, under
    /// <paramref name="summaryKey"/>, saying <paramref name="notDone"/> and why.
    /// </summary>
    async Task<List<(RuntimeTarget Runtime, ExecutionRoute Route)>> EmulatedPlatformsAsync(IEnumerable<string> rids,
        Func<RuntimeTarget, string> summaryKey, string notDone)
    {
        var emulated = new List<(RuntimeTarget, ExecutionRoute)>();
        foreach (var runtime in rids.Where(rid => rid != CurrentRuntime.Rid).Select(TargetTable.ForRid))
        {
            var route = await RouteProbe.RouteForAsync(runtime.Triple, CancellationToken);
            if (route.Kind == ExecutionKind.Emulated)
            {
                emulated.Add((runtime, route));
            }
            else
            {
                ReportSummary(summaryKey(runtime), $"{notDone}: {route.Summary}");
            }
        }

        return emulated;
    }

    [Parameter("Which sidecars to build, by name (default: all of them).")]
    readonly string[] SidecarNames = [];

    [Parameter("Runtime identifiers to publish, e.g. linux-x64 osx-arm64 win-x64 (default: this machine's).")]
    readonly string[] Runtimes = [CurrentRuntime.Rid];

    [Parameter("A Rust target triple to build for instead of --runtimes (Tauri exports it as TAURI_ENV_TARGET_TRIPLE).")]
    readonly string? Triple = null;

    [Parameter("Verify, smoke-test and pack every triple a release promises (a CI gather job), instead of --runtimes.")]
    readonly bool AllTriples = false;

    /// <summary>
    /// The runtimes a release ships in Tauri bundles, built by the CI matrix; universal-apple-darwin comes on top.
    /// linux-musl-x64 is not one: Tauri does not build on musl (tauri#12296), so such a sidecar can never be bundled —
    /// it stays publishable on request (<c>--runtimes linux-musl-x64</c>) as a standalone program.
    /// </summary>
    static readonly string[] ReleaseRuntimes = ["linux-x64", "linux-arm64", "osx-x64", "osx-arm64", "win-x64"];

    AbsolutePath BinariesDirectory => RootDirectory / "src-tauri" / "binaries";
    AbsolutePath StagingRecordsDirectory => ArtifactsDirectory / "staged";

    readonly List<StagedBinary> Staged = [];

    /// <summary>The sidecars, runtimes and triples this run is about: resolved once, when the parameters are checked.</summary>
    SidecarSelection Selection => selection ?? throw new InvalidOperationException("The selection is resolved when the parameters are checked, before any target runs.");

    SidecarSelection? selection;

    /// <summary>
    /// Resolves the selection once — every release runtime, or by triple (parameter or Tauri's environment), else by
    /// RID — and reports every unknown sidecar, runtime or triple with the known values, before anything runs.
    /// </summary>
    protected internal override IEnumerable<string> CheckParameters()
    {
        var problems = new List<string>();
        var triple = Triple is { Length: > 0 } fromParameter ? (fromParameter, "--triple")
            : EnvironmentVariables.GetValueOrDefault("TAURI_ENV_TARGET_TRIPLE") is { Length: > 0 } fromTauri ? (fromTauri, "TAURI_ENV_TARGET_TRIPLE (set by Tauri)")
            : ((string, string)?)null;
        selection = SidecarSelection.Resolve(Sidecars,
            new(SidecarNames, Runtimes, triple, AllTriples, ReleaseRuntimes, UniversalWhenBothSlices: LipoInstalled), problems);
        reproducibleTargets = SidecarSelection.RuntimesNamed("--reproducible-runtimes", ReproducibleRuntimes, problems);
        reproducibleTargets = SidecarSelection.RuntimesNamed("--reproducible-runtimes", ReproducibleRuntimes, problems);
        return problems;
    }

    static bool LipoInstalled => UniversalBinary.FindLipo() is not null;

    /// <summary>The daemon a host of the same platform starts: the smoke test of a host goes through it.</summary>
    static Sidecar DaemonSidecar => Sidecars.Single(sidecar => sidecar.Kind == SidecarKind.Daemon);

    /// <summary>
    /// The staged binaries of the sidecars × triples: from this run's Stage, or from the records an earlier Stage left
    /// (a CI gather job downloads both) — each record's SHA-256 must still match its file.
    /// </summary>
    List<StagedBinary> StagedFor(IEnumerable<Sidecar> sidecars, IEnumerable<string> triples) =>
        sidecars.SelectMany(sidecar => triples.Select(triple => SidecarFileNames.Staged(sidecar.Name, triple)))
            .Select(name => RecordOf(name) ?? throw BuildException.Failure($"{name} was not staged by this build, or changed since: " +
                $"run Stage for it first (its record lives in {StagingRecordsDirectory})."))
            .ToList();

    /// <summary>What Stage recorded for a staged file: this run's record, else the one an earlier Stage left while its
    /// SHA-256 still matches the file; null when there is neither.</summary>
    StagedBinary? RecordOf(string fileName) =>
        Staged.FirstOrDefault(binary => binary.FileName == fileName) ??
        (StagedBinary.Load(StagingRecordsDirectory, fileName) is { } record && (BinariesDirectory / fileName).FileExists &&
         ContentHash.Sha256(BinariesDirectory / fileName) == record.Sha256
            ? record
            : null);
}
