using Prism.Pipeline.Emulation;
using Prism.Pipeline.Engine;
using Prism.Pipeline.Sidecars;
using Prism.Pipeline.Sidecars.Publishing;
using Prism.Pipeline.Tools;
using Prism.Platform;

using SidecarPublishMode = Prism.Pipeline.Sidecars.Publishing.PublishMode;

/// <summary>The published sidecars the test suites run against, besides the JIT builds.</summary>
internal sealed partial class Build
{
    /// <summary>The platforms the published-binary suites also run when this machine runs them by emulation (qemu-user, Wine).</summary>
    static readonly string[] EmulatedTestRuntimes = ["linux-x64", "linux-arm64", "win-x64"];

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

    /// <summary>
    /// The binaries under test, named in <c>PRISM_TEST_BINARIES</c>: this machine's sidecars published both ways, and
    /// those of each platform in <see cref="EmulatedTestRuntimes"/> this machine emulates, published as the pipeline
    /// publishes them (<c>--publish-mode auto</c>), each with its emulator — for which a session is started into
    /// <paramref name="sessions"/> (the caller disposes them after the tests: Wine's prefix lives that long).
    /// A platform without its emulator is named in the summary with what to install, and not tested.
    /// </summary>
    async Task<Dictionary<string, string?>> PublishBinariesUnderTestAsync(List<EmulationSession> sessions)
    {
        var listed = (await PublishForThisMachineBothWaysAsync(SelectedSidecars)).Select(binary => UnderTest(binary, null)).ToList();
        var probe = EmulationProbe.ForThisMachine(EnvironmentVariables);
        foreach (var runtime in EmulatedTestRuntimes.Where(rid => rid != CurrentRuntime.Rid).Select(TargetTable.ForRid))
        {
            var route = await probe.RouteForAsync(runtime.Triple, CancellationToken);
            if (route.Kind != ExecutionKind.Emulated)
            {
                ReportSummary($"tests on {runtime.Rid}", $"not run: {route.Summary}");
                continue;
            }

            var published = await PublishAllAsync(SelectedSidecars, [runtime], PublishModeChoice.Auto, PublishDirectory);
            var session = await EmulationSession.StartAsync(route, CancellationToken);
            sessions.Add(session);
            listed.AddRange(published.Select(binary => UnderTest(binary, session)));
            ReportSummary($"tests on {runtime.Rid}", $"{route.Summary}: " + string.Join(", ", published.Select(binary => binary.Request.ToString())));
        }

        return new()
        {
            [BinaryUnderTest.Variable] = BinaryUnderTest.ToVariable(listed),
            // The older path lists would add rows of their own: the build's list is the one that counts.
            ["PRISM_TEST_DAEMON_BINARIES"] = "",
            ["PRISM_TEST_HOST_BINARIES"] = "",
        };
    }

    /// <summary>A published binary as the tests take it; with its emulator's command prefix and environment when <paramref name="session"/> is emulated.</summary>
    static BinaryUnderTest UnderTest(PublishedBinary binary, EmulationSession? session)
    {
        EmulatorUnderTest? emulator = null;
        if (session?.Route.Emulator is { } found)
        {
            // The session's command for the binary without arguments: the emulator, its own arguments, then the binary.
            var command = session.Command(binary.Path, []);
            emulator = new EmulatorUnderTest(found.Kind == EmulatorKind.QemuUser ? "qemu-user" : "wine", found.Version,
                [command.FileName, .. command.Arguments.SkipLast(1)], command.Environment);
        }

        return new BinaryUnderTest(binary.Request.Sidecar.Name, binary.Request.Runtime.Rid, binary.Request.ModeName, binary.Path, emulator);
    }
}
