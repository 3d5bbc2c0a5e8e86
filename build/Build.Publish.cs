using Prism.Pipeline.Engine;
using Prism.Pipeline.Sidecars;
using Prism.Pipeline.Sidecars.Inspection;
using Prism.Pipeline.Sidecars.Publishing;
using Prism.Pipeline.Sidecars.Staging;
using Prism.Pipeline.Tools;
using Prism.Platform;
using SidecarPublishMode = Prism.Pipeline.Sidecars.Publishing.PublishMode;

/// <summary>Publish and Stage: each sidecar published per runtime, then copied under its Rust triple (and the universal macOS binary made); also publishing for this machine both ways, for Test and Benchmark.</summary>
internal sealed partial class Build
{
    [Parameter("auto: Native AOT where this machine can compile it, else a trimmed single file; or aot; or single-file.")]
    readonly PublishModeChoice PublishMode = PublishModeChoice.Auto;

    [Parameter("Publish even when nothing changed since the last publish.")]
    readonly bool Force = false;

    AbsolutePath PublishDirectory => ArtifactsDirectory / "publish";

    AbsolutePath SingleFilePublishDirectory => ArtifactsDirectory / "publish-single-file";

    readonly List<PublishedBinary> Published = [];

    Target Publish => _ => _
        .Description("Publishes every sidecar for each runtime into artifacts/publish/<sidecar>/<rid>/; unchanged ones are skipped.")
        .After(Restore, Compile)
        .Executes(async () => Published.AddRange(await PublishAllAsync(Selection.Sidecars, Selection.Runtimes, PublishMode, PublishDirectory)));

    Target Stage => _ => _
        .Description("Copies each published sidecar to src-tauri/binaries/<name>-<triple>[.exe], executable, atomically.")
        .DependsOn(Publish)
        .Executes(StageAll);

    Target StageUniversal => _ => _
        .Description("Makes <name>-universal-apple-darwin with lipo/llvm-lipo when both macOS slices are staged.")
        .TriggeredBy(Stage)
        .OnlyWhenDynamic(() => Selection.BothMacSlices && LipoInstalled)
        .Executes(StageUniversalBinariesAsync);

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
        WarnAboutMissingAotLockFiles(requests);
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

    /// <summary>
    /// Publishes the sidecars for this machine as the pipeline would (Native AOT where possible) and, when that was
    /// AOT, also as a trimmed single file. Unchanged publishes are skipped, so this costs little after the first run.
    /// </summary>
    Task<List<PublishedBinary>> PublishForThisMachineBothWaysAsync(IReadOnlyList<Sidecar> sidecars) =>
        PublishBothWaysAsync(sidecars, [CurrentRuntime.Target]);

    /// <summary>Publishes the sidecars for <paramref name="runtimes"/> as the pipeline would and, where that was AOT, also as a single file.</summary>
    async Task<List<PublishedBinary>> PublishBothWaysAsync(IReadOnlyList<Sidecar> sidecars, IReadOnlyList<RuntimeTarget> runtimes)
    {
        var published = await PublishAllAsync(sidecars, runtimes, PublishModeChoice.Auto, PublishDirectory);
        var compiledAhead = published.Where(binary => binary.Request.Mode is SidecarPublishMode.NativeAot).Select(binary => binary.Request.Runtime).Distinct().ToList();
        if (compiledAhead.Count > 0)
        {
            published.AddRange(await PublishAllAsync(sidecars, compiledAhead, PublishModeChoice.SingleFile, SingleFilePublishDirectory));
        }

        return published;
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
        var slices = StagedFor(Selection.Sidecars, SidecarSelection.UniversalSliceTriples);
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
}
