using Prism.Pipeline.Engine;
using Prism.Pipeline.Sidecars;
using Prism.Pipeline.Sidecars.Staging;
using Prism.Pipeline.Tauri;
using Prism.Pipeline.Tauri.Entitlements;
using Prism.Pipeline.Tauri.Formats;
using Prism.Platform;

/// <summary>PatchTauriConfig: the Tauri config (and a capability file) kept listing every sidecar.</summary>
internal sealed partial class Build
{
    [Parameter("The Tauri config whose bundle.externalBin lists the sidecars: tauri.conf.json, tauri.conf.json5 or Tauri.toml (default: the one at the root, else in src-tauri; two in one folder are refused, as Tauri would read only the first).")]
    readonly AbsolutePath? TauriConfig = null;

    [Parameter("A Tauri capability file whose shell:allow-spawn entries PatchTauriConfig keeps in step with externalBin, for a front end that spawns the sidecars from JavaScript (default: none).")]
    readonly AbsolutePath? TauriCapabilities = null;

    [Parameter("The macOS entitlements plist PatchTauriConfig makes grant com.apple.security.cs.allow-jit when a staged macOS sidecar is a JIT single file: created when missing, and named in bundle.macOS.entitlements when the config names none (default: the file the config names).")]
    readonly AbsolutePath? MacosEntitlements = null;

    AbsolutePath TauriConfigFile => TauriConfig is { } chosen
        ? EnsureTauriReads(chosen)
        : new AbsolutePath(TauriConfigFiles.Discover(RootDirectory, RootDirectory / "src-tauri"));

    static AbsolutePath EnsureTauriReads(AbsolutePath config)
    {
        TauriConfigFiles.EnsureTauriReads(config);
        return config;
    }

    /// <summary>The staged macOS files of the selected sidecars × triples published as JIT single files (a universal
    /// binary with such a slice counts), as their staging records say; they need the allow-jit entitlement.</summary>
    IReadOnlyList<string> StagedMacJitBinaries =>
    [
        .. Selection.Sidecars
            .SelectMany(sidecar => Selection.Triples.Where(triple => TargetTable.OsOfTriple(triple) == TargetOs.MacOS)
                .Select(triple => SidecarFileNames.Staged(sidecar.Name, triple)))
            .Where(name => RecordOf(name) is { Mode: StagedMode.SingleFile or StagedMode.NativeAotAndSingleFile }),
    ];

    Target PatchTauriConfig => _ => _
        .Description("Makes bundle.externalBin in the Tauri config (JSON, JSON5 or TOML; and, with --tauri-capabilities, shell:allow-spawn in a capability file) list every sidecar and the macOS entitlements grant JIT to JIT sidecars, keeping the rest of each file byte for byte.")
        .After(Stage, StageUniversal)
        .Executes(PatchTauriConfigFileAsync);

    async Task PatchTauriConfigFileAsync()
    {
        var entries = Sidecars.Select(sidecar => (BinariesDirectory / sidecar.Name).RelativeTo(TauriConfigFile.Parent)).ToList();
        var schema = await new TauriSchemaSource().LocateAsync(RootDirectory, EnvironmentVariables, CancellationToken);
        var validator = TauriSchemaValidator.Load(schema);
        var result = new TauriConfigPatcher(validator).Patch(TauriConfigFile, entries, LinuxPackageDependency.OpenSsl3);
        Log.Information("{Summary}", result.Summary);
        ReportSummary(TauriConfigFile.RelativeTo(RootDirectory), result.Changed ? $"added {result.Additions}" : "unchanged");
        if (result.DependencyNote is { } note)
        {
            Log.Warning("{Config}: {Note}", TauriConfigFile, note);
        }

        foreach (var warning in PlatformOverlays.FindHiddenSidecars(TauriConfigFile, result.Version, entries)
                     .Concat(PlatformOverlays.FindHiddenDependencies(TauriConfigFile, result.Version, LinuxPackageDependency.OpenSsl3))
                     .Select(warning => warning.Message)
                     .Concat(PlatformOverlays.FindIgnored(TauriConfigFile)))
        {
            Log.Warning("{Message}", warning);
        }

        var entitlements = new MacEntitlementsPatcher(validator).Patch(TauriConfigFile, StagedMacJitBinaries, MacosEntitlements);
        Log.Information("{Summary}", entitlements.Summary);

        if (TauriCapabilities is { } capabilities)
        {
            // The shell plugin matches a JavaScript spawn's name against externalBin exactly: use the config's own spelling.
            var spelled = entries.Select(entry => result.ExternalBin.First(listed => ExternalBinEntries.Normalize(listed) == ExternalBinEntries.Normalize(entry))).ToList();
            var capability = new SidecarCapabilityPatcher(TauriSchemaValidator.LoadDefinition(schema, "Capability")).Patch(capabilities, spelled);
            Log.Information("{Summary}", capability.Summary);
            ReportSummary(capabilities.RelativeTo(RootDirectory), capability.Changed ? $"allowed spawning {string.Join(", ", capability.AddedEntries)}" : "unchanged");
        }
    }
}
