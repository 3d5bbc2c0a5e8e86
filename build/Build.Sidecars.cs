using Prism.Pipeline.Engine;
using Prism.Pipeline.Sidecars;
using Prism.Pipeline.Sidecars.Publishing;
using Prism.Pipeline.Sidecars.Staging;
using Prism.Platform;

/// <summary>The sidecar pipeline: publish per runtime, stage under Rust triples, patch externalBin, verify, smoke-test.</summary>
internal sealed partial class Build
{
    /// <summary>The programs Tauri ships beside the app. Adding a sidecar is one line.</summary>
    internal static readonly Sidecar[] Sidecars =
    [
        new("tr-daemon", "src/Prism.Daemon/Prism.Daemon.csproj", SidecarKind.Daemon),
        new("prism", "src/Prism.Host/Prism.Host.csproj", SidecarKind.Host),
    ];

    [Parameter("Which sidecars to build, by name (default: all of them).")]
    readonly string[] SidecarNames = [];

    [Parameter("Runtime identifiers to publish, e.g. linux-x64 osx-arm64 win-x64 (default: this machine's).")]
    readonly string[] Runtimes = [CurrentRuntime.Rid];

    [Parameter("A Rust target triple to build for instead of --runtimes (Tauri exports it as TAURI_ENV_TARGET_TRIPLE).")]
    readonly string? Triple = null;

    [Parameter("auto: Native AOT where this machine can compile it, else a trimmed single file; or aot; or single-file.")]
    readonly PublishModeChoice PublishMode = PublishModeChoice.Auto;

    [Parameter("Verify, smoke-test and pack every triple a release promises (a CI gather job), instead of --runtimes.")]
    readonly bool AllTriples = false;

    /// <summary>
    /// The runtimes a release ships in Tauri bundles, built by the CI matrix; universal-apple-darwin comes on top.
    /// linux-musl-x64 is not one: Tauri does not build on musl (tauri#12296), so such a sidecar can never be bundled —
    /// it stays publishable on request (<c>--runtimes linux-musl-x64</c>) as a standalone program.
    /// </summary>
    static readonly string[] ReleaseRuntimes = ["linux-x64", "linux-arm64", "osx-x64", "osx-arm64", "win-x64"];

    [Parameter("Publish even when nothing changed since the last publish.")]
    readonly bool Force = false;

    [Parameter("The Tauri config whose bundle.externalBin lists the sidecars (default: tauri.conf.json at the root).")]
    readonly AbsolutePath? TauriConfig = null;

    [Parameter("A Tauri capability file whose shell:allow-spawn entries PatchTauriConfig keeps in step with externalBin, for a front end that spawns the sidecars from JavaScript (default: none).")]
    readonly AbsolutePath? TauriCapabilities = null;

    AbsolutePath PublishDirectory => ArtifactsDirectory / "publish";
    AbsolutePath BinariesDirectory => RootDirectory / "src-tauri" / "binaries";
    AbsolutePath StagingRecordsDirectory => ArtifactsDirectory / "staged";
    AbsolutePath TauriConfigFile => TauriConfig ?? RootDirectory / "tauri.conf.json";

    readonly List<PublishedBinary> Published = [];
    readonly List<StagedBinary> Staged = [];

    Target Publish => _ => _
        .Description("Publishes every sidecar for each runtime into artifacts/publish/<sidecar>/<rid>/; unchanged ones are skipped.")
        .After(Restore, Compile)
        .Executes(async () => Published.AddRange(await PublishAllAsync(SelectedSidecars, SelectedRuntimes, PublishMode, PublishDirectory)));

    Target Stage => _ => _
        .Description("Copies each published sidecar to src-tauri/binaries/<name>-<triple>[.exe], executable, atomically.")
        .DependsOn(Publish)
        .Executes(StageAll);

    Target StageUniversal => _ => _
        .Description("Makes <name>-universal-apple-darwin with lipo/llvm-lipo when both macOS slices are staged.")
        .TriggeredBy(Stage)
        .OnlyWhenDynamic(() => BothMacSlicesSelected && LipoInstalled)
        .Executes(StageUniversalBinariesAsync);

    Target PatchTauriConfig => _ => _
        .Description("Makes bundle.externalBin in the Tauri config (and, with --tauri-capabilities, shell:allow-spawn in a capability file) list every sidecar, keeping the rest of the file byte for byte.")
        .After(Stage)
        .Executes(PatchTauriConfigFileAsync);

    Target Verify => _ => _
        .Description("Checks every staged sidecar (each file externalBin names) for each triple: present, executable, right file format and CPU, within its size budget.")
        .DependsOn(Stage, PatchTauriConfig)
        .After(StageUniversal)
        .Executes(VerifyStagedBinaries);

    Target Smoke => _ => _
        .Description("Runs each staged sidecar this machine can execute over its real stdin/stdout and HTTP; the main job.")
        .DependsOn(Verify)
        .Executes(RunSmokeChecksAsync);

    /// <summary>The sidecars asked for with --sidecar-names, or all of them.</summary>
    IReadOnlyList<Sidecar> SelectedSidecars =>
        SidecarNames.Length == 0
            ? Sidecars
            : SidecarNames.Select(name => Sidecars.FirstOrDefault(sidecar => sidecar.Name == name) ??
                throw BuildException.Failure($"There is no sidecar named '{name}'. The sidecars are: {string.Join(", ", Sidecars.Select(sidecar => sidecar.Name))}.")).ToList();

    /// <summary>The runtimes asked for: every release runtime, or by triple (parameter or Tauri's environment), else by RID.</summary>
    IReadOnlyList<RuntimeTarget> SelectedRuntimes =>
        AllTriples ? ReleaseRuntimes.Select(TargetTable.ForRid).ToList()
        : (Triple ?? EnvironmentVariables.GetValueOrDefault("TAURI_ENV_TARGET_TRIPLE")) is { Length: > 0 } triple
            ? TargetTable.RidsForTriple(triple).Select(TargetTable.ForRid).ToList()
            : Runtimes.Select(TargetTable.ForRid).ToList();

    /// <summary>The triples the selected runtimes are staged under, plus universal-apple-darwin when it gets made.</summary>
    IReadOnlyList<string> SelectedTriples =>
    [
        .. SelectedRuntimes.Select(runtime => runtime.Triple),
        .. BothMacSlicesSelected && (AllTriples || LipoInstalled) ? [TargetTable.UniversalAppleDarwin] : Array.Empty<string>(),
    ];

    static IEnumerable<string> UniversalSliceTriples => TargetTable.UniversalAppleDarwinRids.Select(TargetTable.TripleForRid);

    bool BothMacSlicesSelected => UniversalSliceTriples.All(triple => SelectedRuntimes.Any(runtime => runtime.Triple == triple));

    static bool LipoInstalled => UniversalBinary.FindLipo() is not null;
}
