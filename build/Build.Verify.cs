using Prism.Pipeline.Engine;
using Prism.Pipeline.Sidecars;
using Prism.Pipeline.Sidecars.Inspection;
using Prism.Pipeline.Tauri.Entitlements;
using Prism.Platform;

/// <summary>Verify: every staged sidecar × triple checked before it is bundled.</summary>
internal sealed partial class Build
{
    Target Verify => _ => _
        .Description("Checks each selected sidecar × triple as staged in src-tauri/binaries: present, executable, right file format and CPU, within its size budget.")
        .DependsOn(Stage, PatchTauriConfig)
        .After(StageUniversal)
        .Executes(VerifyStagedBinaries);

    /// <summary>Checks every selected sidecar × triple as staged (<see cref="SidecarFileNames"/>, the one naming rule):
    /// the name against Tauri's rules, then each file.</summary>
    void VerifyStagedBinaries()
    {
        var cargoPackageName = CargoPackageName ?? "";
        var problems = new List<string>();
        foreach (var sidecar in SelectedSidecars)
        {
            problems.AddRange(SidecarNameRules.Problems(sidecar.Name, cargoPackageName));
            problems.AddRange(SelectedTriples.SelectMany(triple => VerifyBinary(SidecarFileNames.Staged(sidecar.Name, triple), triple)));
        }

        if (StagedMacJitBinaries is { Count: > 0 } macJitBinaries)
        {
            problems.AddRange(MacJitEntitlement.Problems(TauriConfigFile, macJitBinaries));
        }

        if (problems.Count > 0)
        {
            throw BuildException.Problems("Verify found problems:", problems);
        }
    }

    /// <summary>Checks one staged file: the file itself, then its size against the budget of its kind, mode and
    /// architecture as its record says; warns (without failing) when a Linux single file would be broken by an AppImage.</summary>
    IEnumerable<string> VerifyBinary(string fileName, string triple)
    {
        var path = BinariesDirectory / fileName;
        var inspection = BinaryInspector.Inspect(path, triple);
        if (!inspection.Passed)
        {
            ReportSummary(fileName, "FAILED");
            return inspection.Failures.Select(failure => failure.Message);
        }

        var size = new FileInfo(path).Length;
        if (RecordOf(fileName) is not { PublishedAs: { } mode } record)
        {
            ReportSummary(fileName, $"ok, {SizeBudget.InMegabytes(size)} (no size budget: not a single-slice binary staged by this build)");
            return [];
        }

        var runtime = TargetTable.ForRid(record.Rid);
        if (AppImageCompatibility.Warning(fileName, runtime, mode) is { } warning)
        {
            Log.Warning("{Warning}", warning);
        }

        var budget = SizeBudget.Check(record.Kind, mode, runtime.Architecture, size);
        ReportSummary(fileName, budget.Summary);
        return budget.WithinBudget ? [] : [$"{fileName}: {budget.Summary}"];
    }

    /// <summary>The Cargo package name of the Tauri app when src-tauri/Cargo.toml exists (a sidecar may not share it).</summary>
    string? CargoPackageName =>
        (RootDirectory / "src-tauri" / "Cargo.toml") is { FileExists: true } cargo
            ? File.ReadLines(cargo).Select(line => line.Trim())
                .FirstOrDefault(line => line.StartsWith("name", StringComparison.Ordinal) && line.Contains('='))
                ?.Split('=', 2)[1].Trim().Trim('"')
            : null;
}
