using System.Diagnostics;
using System.Text;
using Prism.Pipeline.Engine;
using Prism.Pipeline.Reproducibility;
using Prism.Pipeline.Sidecars;
using Prism.Pipeline.Sidecars.Publishing;
using Prism.Pipeline.Sidecars.Staging;
using Prism.Pipeline.Tools;
using Prism.Platform;

/// <summary>CheckReproducible: the same commit, cloned twice into different folders and built in each, gives the same bytes.</summary>
internal sealed partial class Build
{
    [Parameter("Runtimes CheckReproducible builds in each clone (osx-x64 with osx-arm64 also makes the universal binary where lipo is).")]
    readonly string[] ReproducibleRuntimes = ["linux-x64", "linux-arm64", "win-x64", "osx-x64", "osx-arm64"];

    /// <summary>--reproducible-runtimes as table rows, resolved with the selection (<see cref="CheckParameters"/>).</summary>
    IReadOnlyList<RuntimeTarget> ReproducibleTargets => reproducibleTargets ?? throw new InvalidOperationException("Resolved when the parameters are checked.");

    IReadOnlyList<RuntimeTarget>? reproducibleTargets;

    /// <summary>What is compared, in each clone: every staged sidecar and everything Pack made.</summary>
    static readonly string[] ReproducibleFolders = ["src-tauri/binaries", "artifacts/release"];

    /// <summary>Files no rebuild can or needs to match: the placeholder that keeps the binaries folder in git, and signatures (a rebuilder has no key).</summary>
    static bool NotReproduced(string fileName) => fileName == ".gitkeep" || fileName.EndsWith(".minisig", StringComparison.Ordinal);

    AbsolutePath ReproducibilityDirectory => ArtifactsDirectory / "reproducibility";

    Target CheckReproducible => _ => _
        .Description("Clones HEAD twice into different temporary folders, runs Pack in each for --reproducible-runtimes and compares every staged " +
                     "binary and every release file byte for byte (diffoscope shows where they differ, when installed).")
        .Executes(CheckReproducibleAsync);

    async Task CheckReproducibleAsync()
    {
        var total = Stopwatch.StartNew();
        var repository = new CleanClone(ToolRunner, RootDirectory);
        var commit = await repository.HeadAsync();
        var uncommitted = await repository.UncommittedAsync();
        if (uncommitted.Count > 0)
        {
            Log.Warning("The working tree has {Count} uncommitted change(s) (first: {First}); the check builds commit {Commit} without them.",
                uncommitted.Count, uncommitted[0], commit[..12]);
            ReportSummary("uncommitted changes", $"{uncommitted.Count}, NOT checked: the clones are of commit {commit[..12]}");
        }

        BuildOutputs.DeleteDirectory(ReproducibilityDirectory);
        // Two temporary folders of different depths and name lengths, so a path that leaks into an output shows.
        var first = Directory.CreateTempSubdirectory("prism-repro-a-").FullName;
        var second = Directory.CreateTempSubdirectory("prism-reproducibility-b-").FullName;
        string[] clones = [Path.Combine(first, "prism"), Path.Combine(second, "nested", "clone", "prism")];
        var kept = false;
        try
        {
            // Both at once, each in its own processes: their restores, the bootstrappers' compiles and single-threaded
            // phases overlap; a failing one lets the other finish before the failure is reported (no process is left).
            var builds = clones.Select(async (clone, index) =>
            {
                var name = index == 0 ? "first" : "second";
                var watch = Stopwatch.StartNew();
                await repository.CloneAsync(commit, clone);
                await BuildCloneAsync(clone, ReproducibilityDirectory / $"{name}-build.log");
                return $"{clone}: built in {watch.Elapsed:h\\:mm\\:ss}";
            }).ToList();
            await Task.WhenAll(builds);
            ReportSummary("first clone", await builds[0]);
            ReportSummary("second clone", await builds[1]);

            var result = OutputComparison.Compare(clones[0], clones[1], ReproducibleFolders, NotReproduced);
            WriteReproducibilityReport(commit, clones[0], result);
            ReportWhatWasBuilt(clones[0]);
            ReportSummary("compared", $"{result.Identical.Count} identical files, {result.Differences.Count} different; {total.Elapsed:h\\:mm\\:ss} in all");
            if (!result.Same)
            {
                kept = true;
                throw BuildException.Problems($"The two clean clones of {commit[..12]} built different bytes (both kept for a look: {clones[0]} and {clones[1]}):",
                    await DescribeDifferencesAsync(result.Differences, clones));
            }
        }
        finally
        {
            if (!kept)
            {
                BuildOutputs.DeleteDirectory(first);
                BuildOutputs.DeleteDirectory(second);
            }
        }
    }

    /// <summary>
    /// Runs Pack in a clone as a user would, with its own bootstrapper. PatchTauriConfig and Verify are skipped: the
    /// archives depend on neither, PatchTauriConfig wants Node's schema, and Verify judges the app's config for what it
    /// ships (e.g. the allow-jit entitlement macOS single files need), which is the main job's business, not this one's.
    /// </summary>
    async Task BuildCloneAsync(string clone, AbsolutePath logFile)
    {
        string[] arguments =
        [
            "Pack", "--runtimes", .. ReproducibleRuntimes, "--skip", nameof(PatchTauriConfig), nameof(Verify), "--no-logo",
            .. SidecarNames.Length > 0 ? ["--sidecar-names", .. SidecarNames] : Array.Empty<string>(),
        ];
        var (shell, bootstrapper) = OperatingSystem.IsWindows()
            ? (ExecutableSearch.Find("pwsh") ?? throw BuildException.Failure("Building a clone on Windows runs build.ps1, which needs PowerShell 7 (pwsh) on PATH."),
                (string[])["-NoProfile", "-File", "build.ps1"])
            : ("bash", ["build.sh"]);
        await ToolRunner.RunToFileAsync(shell, [.. bootstrapper, .. arguments], clone, logFile);
    }

    /// <summary>Each difference, with diffoscope's view of it when diffoscope is installed.</summary>
    async Task<List<string>> DescribeDifferencesAsync(IReadOnlyList<OutputDifference> differences, string[] clones)
    {
        var diffoscope = Diffoscope.Find(ToolRunner);
        var described = new List<string>();
        foreach (var difference in differences)
        {
            var firstFile = Path.Combine(clones[0], difference.Path);
            var secondFile = Path.Combine(clones[1], difference.Path);
            var detail = diffoscope is not null && File.Exists(firstFile) && File.Exists(secondFile)
                ? "\n" + await diffoscope.DescribeAsync(firstFile, secondFile)
                : "";
            described.Add(difference + detail);
        }

        if (diffoscope is null)
        {
            described.Add("(install Debian's diffoscope to see where they differ: `sudo apt-get install diffoscope-minimal`)");
        }

        return described;
    }

    /// <summary>
    /// One row per selected sidecar × runtime as the clones built it (from the first clone's staging records), and why a
    /// runtime is not what it would be with every toolchain installed: a fresh machine passes with fewer rows.
    /// </summary>
    void ReportWhatWasBuilt(string clone)
    {
        var records = new AbsolutePath(clone) / "artifacts" / "staged";
        var toolchain = AotToolchain.Detect();
        var runtimes = ReproducibleTargets;
        foreach (var runtime in runtimes)
        {
            var staged = Selection.Sidecars.Select(sidecar => StagedBinary.Load(records, SidecarFileNames.Staged(sidecar.Name, runtime.Triple))).OfType<StagedBinary>().ToList();
            var modes = string.Join(", ", staged.Select(binary => binary.Mode.Name()).Distinct());
            var aotSomewhereHere = toolchain.CanCompile(runtime) || toolchain.CouldCompileAfterInstalling(runtime) || runtime == toolchain.Host;
            ReportSummary($"{runtime.Rid}", staged.Count == 0 ? "not built"
                : aotSomewhereHere && !toolchain.CanCompile(runtime) ? $"{modes} (not Native AOT here: {toolchain.WhyNot(runtime)})" : modes);
        }

        if (SidecarSelection.UniversalSliceTriples.All(triple => runtimes.Any(runtime => runtime.Triple == triple)))
        {
            ReportSummary(TargetTable.UniversalAppleDarwin, LipoInstalled ? "built with lipo" : "not built: no lipo or llvm-lipo (Debian: `sudo apt-get install llvm`)");
        }
    }

    /// <summary>artifacts/reproducibility/report.md: SHA-256 of every compared file, the same in both clones, or its difference.</summary>
    void WriteReproducibilityReport(string commit, string clone, ComparisonResult result)
    {
        var records = new AbsolutePath(clone) / "artifacts" / "staged";
        var report = new StringBuilder()
            .AppendLine($"# Reproducibility of {commit}")
            .AppendLine()
            .AppendLine("| File | Mode | Size | SHA-256 (both clones) |")
            .AppendLine("|---|---|---:|---|");
        foreach (var file in result.Identical)
        {
            var mode = StagedBinary.Load(records, Path.GetFileName(file.Path)) is { } record && file.Path.StartsWith(ReproducibleFolders[0], StringComparison.Ordinal)
                ? record.Mode.Name()
                : "";
            report.AppendLine($"| {file.Path} | {mode} | {file.Size:N0} | `{file.Sha256}` |");
        }

        foreach (var difference in result.Differences)
        {
            report.AppendLine($"| {difference.Path} | | | DIFFERENT: {difference.Description} |");
        }

        Directory.CreateDirectory(ReproducibilityDirectory);
        new AtomicFile().WriteAllBytes(ReproducibilityDirectory / "report.md", Encoding.UTF8.GetBytes(report.ToString()));
        Log.Information("{Report}", report.ToString());
    }
}
