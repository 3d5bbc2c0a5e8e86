using Prism.Pipeline.Engine;
using Prism.Pipeline.Sidecars;
using Prism.Platform;
using SidecarPublishMode = Prism.Pipeline.Sidecars.PublishMode;

/// <summary>The published sidecars the test suites run against, besides the JIT builds.</summary>
internal sealed partial class Build
{
    AbsolutePath SingleFilePublishDirectory => ArtifactsDirectory / "publish-single-file";

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

    /// <summary>The sidecars published both ways, named in <c>PRISM_TEST_DAEMON_BINARIES</c> / <c>PRISM_TEST_HOST_BINARIES</c>.</summary>
    async Task<Dictionary<string, string?>> PublishBinariesUnderTestAsync()
    {
        var published = await PublishForThisMachineBothWaysAsync(SelectedSidecars);
        string Paths(SidecarKind kind) => string.Join(Path.PathSeparator, published.Where(binary => binary.Request.Sidecar.Kind == kind).Select(binary => binary.Path.Value));
        return new()
        {
            ["PRISM_TEST_DAEMON_BINARIES"] = Paths(SidecarKind.Daemon),
            ["PRISM_TEST_HOST_BINARIES"] = Paths(SidecarKind.Host),
        };
    }
}
