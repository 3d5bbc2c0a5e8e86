using Prism.Pipeline.Emulation;
using Prism.Pipeline.Engine;
using Prism.Pipeline.Sidecars;
using Prism.Pipeline.Sidecars.Inspection;
using Prism.Pipeline.Sidecars.Publishing;
using Prism.Pipeline.Sidecars.Staging;
using Prism.Pipeline.Smoke;
using Prism.Pipeline.Tauri;
using Prism.Pipeline.Tools;
using Prism.Platform;

/// <summary>The bodies of the sidecar targets: each hands the previous step's output to the classes that do the work.</summary>
internal sealed partial class Build
{
    async Task<List<PublishedBinary>> PublishAllAsync(IReadOnlyList<Sidecar> sidecars, IReadOnlyList<RuntimeTarget> runtimes,
        PublishModeChoice mode, AbsolutePath publishRoot)
    {
        var toolchain = AotToolchain.Detect();
        // auto falls back to single files silently only where no install could change that (another OS, musl).
        foreach (var runtime in runtimes.Where(runtime => mode == PublishModeChoice.Auto && !toolchain.CanCompile(runtime) &&
                     (runtime == toolchain.Host || toolchain.CouldCompileAfterInstalling(runtime))))
        {
            Log.Warning("Publishing {Rid} as a single file instead of Native AOT: {Reason}", runtime.Rid, toolchain.WhyNot(runtime));
        }

        var requests = PublishPlanner.Plan(sidecars, runtimes, mode, toolchain, RootDirectory, publishRoot);
        var publisher = new Publisher(ToolRunner, RootDirectory, publishRoot / ".stamps", await ToolRunner.DotNetVersionAsync(RootDirectory));
        var results = new List<PublishedBinary>();
        foreach (var (request, index) in requests.Select((request, index) => (request, index)))
        {
            Log.Information("[{Index}/{Count}] {Request}", index + 1, requests.Count, request.ToString());
            var result = await publisher.PublishAsync(request, Force);
            ReportSummary(request.ToString(), result.UpToDate ? "up to date, skipped" : $"published, {SizeBudget.InMegabytes(new FileInfo(result.Path).Length)}");
            results.Add(result);
        }

        return results;
    }

    void StageAll()
    {
        var stager = new Stager(BinariesDirectory, StagingRecordsDirectory);
        foreach (var published in Published)
        {
            var staged = stager.Stage(published);
            Staged.Add(staged);
            ReportSummary(staged.FileName, $"{staged.Mode.Name()}, {SizeBudget.InMegabytes(staged.Size)}");
        }
    }

    /// <summary>Makes the fat macOS binary of every sidecar whose two slices are staged (in this run or an earlier one).</summary>
    async Task StageUniversalBinariesAsync()
    {
        var slices = StagedFor(SelectedSidecars, UniversalSliceTriples);
        if (UniversalBinary.FindLipo() is not { } lipo)
        {
            throw BuildException.Failure("Making universal-apple-darwin binaries needs lipo (macOS) or llvm-lipo (LLVM): install one, " +
                "or leave osx-x64 and osx-arm64 out of one of --runtimes.");
        }

        foreach (var pair in UniversalBinary.Pairs(slices))
        {
            var sidecar = Sidecars.Single(candidate => candidate.Name == pair.Intel.Sidecar);
            var universal = await UniversalBinary.CreateAsync(ToolRunner, lipo, sidecar, pair, BinariesDirectory, StagingRecordsDirectory);
            Staged.Add(universal);
            ReportSummary(universal.FileName, $"{universal.Mode.Name()} (lipo), {SizeBudget.InMegabytes(universal.Size)}");
        }
    }

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

internal sealed partial class Build
{
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

        if (problems.Count > 0)
        {
            throw BuildException.Failure("Verify found problems:" + Environment.NewLine +
                string.Join(Environment.NewLine, problems.Select(problem => "  - " + problem)));
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

    /// <summary>
    /// Runs every staged binary this machine can execute — natively, or emulated (qemu-user, Wine) with the same checks
    /// and longer time limits — one emulation session per triple; the rest are verified statically only, and the
    /// summary says which way each was checked and, when not run, what to install to run it.
    /// </summary>
    async Task RunSmokeChecksAsync()
    {
        var probe = EmulationProbe.ForThisMachine(EnvironmentVariables);
        var dataDirectory = Directory.CreateTempSubdirectory("prism-smoke-");
        var failures = new List<string>();
        try
        {
            foreach (var triple in SelectedTriples)
            {
                var binaries = StagedFor(SelectedSidecars, [triple]).OrderBy(binary => binary.Kind).ToList();
                var route = await probe.RouteForAsync(triple, CancellationToken);
                if (!route.CanRun)
                {
                    binaries.ForEach(binary => ReportSummary(binary.FileName, $"{binary.Mode.Name()}, {SizeBudget.InMegabytes(binary.Size)}: {route.Summary}"));
                    continue;
                }

                Log.Information("Smoke-testing {Triple}: {Route}", triple, route.Summary);
                await using var session = await EmulationSession.StartAsync(route, CancellationToken);
                foreach (var binary in binaries)
                {
                    var path = BinariesDirectory / binary.FileName;
                    var result = binary.Kind == SidecarKind.Daemon
                        ? await DaemonSmokeCheck.RunAsync(session, path, dataDirectory.FullName)
                        : await HostSmokeCheck.RunAsync(session, path, BinariesDirectory / SidecarFileNames.Staged(DaemonSidecar.Name, triple), dataDirectory.FullName);
                    ReportSummary(binary.FileName, result.Passed
                        ? $"{binary.Mode.Name()}, {SizeBudget.InMegabytes(binary.Size)}, {route.Summary}, {result.FirstReplyText}: passed"
                        : $"{route.Summary}: FAILED: " + string.Join("; ", result.Failures));
                    failures.AddRange(result.Failures.Select(failure => $"{binary.FileName} ({route.Summary}): {failure}"));
                }
            }
        }
        finally
        {
            dataDirectory.Delete(recursive: true);
        }

        if (failures.Count > 0)
        {
            throw BuildException.Failure("Smoke test failed:" + Environment.NewLine + string.Join(Environment.NewLine, failures.Select(failure => "  - " + failure)));
        }
    }

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
