using Prism.Pipeline.Engine;
using Prism.Pipeline.Tauri;

/// <summary>PatchTauriConfig: the Tauri config (and a capability file) kept listing every sidecar.</summary>
internal sealed partial class Build
{
    [Parameter("The Tauri config whose bundle.externalBin lists the sidecars (default: tauri.conf.json at the root).")]
    readonly AbsolutePath? TauriConfig = null;

    [Parameter("A Tauri capability file whose shell:allow-spawn entries PatchTauriConfig keeps in step with externalBin, for a front end that spawns the sidecars from JavaScript (default: none).")]
    readonly AbsolutePath? TauriCapabilities = null;

    AbsolutePath TauriConfigFile => TauriConfig ?? RootDirectory / "tauri.conf.json";

    Target PatchTauriConfig => _ => _
        .Description("Makes bundle.externalBin in the Tauri config (and, with --tauri-capabilities, shell:allow-spawn in a capability file) list every sidecar, keeping the rest of the file byte for byte.")
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
                     .Concat(PlatformOverlays.FindHiddenDependencies(TauriConfigFile, result.Version, LinuxPackageDependency.OpenSsl3)))
        {
            Log.Warning("{Message}", warning.Message);
        }

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
