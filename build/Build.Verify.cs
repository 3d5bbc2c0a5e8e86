using Prism.Pipeline.Engine;
using Prism.Pipeline.Sidecars;
using Prism.Pipeline.Sidecars.Inspection;
using Prism.Pipeline.Sidecars.Staging;
using Prism.Pipeline.Tauri.Entitlements;
using Prism.Pipeline.Tauri;
using Prism.Platform;

/// <summary>Verify: every staged sidecar × triple checked before it is bundled.</summary>
internal sealed partial class Build
{
    [Parameter("The newest glibc a Linux sidecar may need (its newest GLIBC_ symbol version). Default 2.35: Tauri v2's Linux bundles " +
               "need webkit2gtk-4.1, so Ubuntu 22.04 (glibc 2.35) is the oldest distribution the app runs on.")]
    readonly Version GlibcFloor = Version.Parse(LinuxFloor.DefaultGlibc);

    [Parameter("The newest libstdc++ a Linux sidecar may need (its newest GLIBCXX_ symbol version). Default 3.4.30: Ubuntu 22.04's libstdc++6 (GCC 12).")]
    readonly Version GlibcxxFloor = Version.Parse(LinuxFloor.DefaultGlibcxx);

    Target Verify => _ => _
        .Description("Checks each selected sidecar × triple as staged in src-tauri/binaries: present, executable, right file format and CPU, " +
                     "within its size budget, and within the app's OS floors (Linux: glibc/libstdc++ versions and only C runtime libraries; " +
                     "macOS: each slice's minimum macOS against bundle.macOS.minimumSystemVersion; Windows: system DLLs only).")
        .DependsOn(Stage, PatchTauriConfig)
        .After(StageUniversal)
        .Executes(VerifyStagedBinaries);

    /// <summary>Checks every selected sidecar × triple as staged (<see cref="SidecarFileNames"/>, the one naming rule):
    /// the name against Tauri's rules, then each file with what Stage recorded of it when there is a record.</summary>
    void VerifyStagedBinaries()
    {
        var cargoPackageName = CargoPackageName ?? "";
        var floors = new PlatformFloors(new LinuxFloor(GlibcFloor, GlibcxxFloor), new Lazy<MacOSFloor>(AppMacOSFloor));
        var problems = new List<string>();
        foreach (var sidecar in Selection.Sidecars)
        {
            problems.AddRange(SidecarNameRules.Problems(sidecar.Name, cargoPackageName));
            problems.AddRange(Selection.Triples.SelectMany(triple =>
            {
                var fileName = SidecarFileNames.Staged(sidecar.Name, triple);
                return VerifyBinary(fileName, triple, RecordOf(fileName), floors);
            }));
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

    /// <summary>Checks one staged file: the file itself, its size against the budget of its kind, mode and architecture as
    /// its record says, and what it asks of its OS against the app's floor; warns (without failing) when a Linux single file
    /// would be broken by an AppImage.</summary>
    IEnumerable<string> VerifyBinary(string fileName, string triple, StagedBinary? record, PlatformFloors floors)
    {
        var path = BinariesDirectory / fileName;
        var inspection = BinaryInspector.Inspect(path, triple);
        if (!inspection.Passed)
        {
            ReportSummary(fileName, "FAILED");
            return inspection.Failures.Select(failure => failure.Message);
        }

        var floor = floors.Check(path, fileName, TargetTable.OsOfTriple(triple));
        var size = new FileInfo(path).Length;
        if (record is not { Runtime: { } runtime, PublishedAs: { } mode })
        {
            ReportSummary(fileName, $"ok, {SizeBudget.InMegabytes(size)} (no size budget: not a single-slice binary staged by this build); {floor.Figure}");
            return floor.Problems;
        }

        if (AppImageCompatibility.Warning(fileName, runtime, mode) is { } warning)
        {
            Log.Warning("{Warning}", warning);
        }

        var budget = SizeBudget.Check(record.Kind, mode, runtime.Architecture, size);
        ReportSummary(fileName, $"{budget.Summary}; {floor.Figure}");
        return [.. budget.WithinBudget ? [] : new[] { $"{fileName}: {budget.Summary}" }, .. floor.Problems];
    }

    /// <summary>
    /// The macOS the app promises: <c>bundle.macOS.minimumSystemVersion</c> of the macOS platform config beside the Tauri
    /// config, else of the config itself, else Tauri's default. Read only when a macOS binary is checked.
    /// </summary>
    MacOSFloor AppMacOSFloor()
    {
        var configs = PlatformOverlays.PathsBeside(TauriConfigFile)
            .Where(path => Path.GetFileName(path).Contains(".macos.", StringComparison.Ordinal))
            .Append((string)TauriConfigFile)
            .Where(File.Exists)
            .Select(path =>
            {
                var (isSet, value) = TauriConfigDocument.Load(path).MinimumSystemVersion;
                return (path, isSet, value);
            });
        try
        {
            var floor = MacOSFloor.FromConfigs(configs, TauriConfigFile);
            if (floor.Promised is null)
            {
                Log.Warning("{Source} is null: the app declares no minimum macOS, so nothing keeps it off a Mac its sidecars cannot start on.", floor.Source);
            }

            return floor;
        }
        catch (FormatException error)
        {
            throw BuildException.Failure(error.Message);
        }
    }

    /// <summary>The Cargo package name of the Tauri app when src-tauri/Cargo.toml exists (a sidecar may not share it).</summary>
    string? CargoPackageName =>
        (RootDirectory / "src-tauri" / "Cargo.toml") is { FileExists: true } cargo
            ? File.ReadLines(cargo).Select(line => line.Trim())
                .FirstOrDefault(line => line.StartsWith("name", StringComparison.Ordinal) && line.Contains('='))
                ?.Split('=', 2)[1].Trim().Trim('"')
            : null;
}
