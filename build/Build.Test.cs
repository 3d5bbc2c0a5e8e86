using Prism.Pipeline.Emulation;
using Prism.Pipeline.Engine;
using Prism.Pipeline.Sidecars.Publishing;
using Prism.Pipeline.Tools;
using Prism.Platform;

/// <summary>Test: every test project, also against the sidecars published for this machine and for the platforms it emulates.</summary>
internal sealed partial class Build
{
    Target Test => _ => _
        .Description("Runs every test project, also against the sidecars published for this machine; TRX results go to artifacts/test-results.")
        .DependsOn(Compile)
        .Executes(RunTestsAsync);

    AbsolutePath TestResultsDirectory => ArtifactsDirectory / "test-results";

    /// <summary>
    /// How many test projects run side by side: half the cores. Within a project xunit already runs a test class per
    /// core, and the classes start real processes (daemons, hosts, browsers), so on a 2-core machine one project at a
    /// time keeps the process timings the suites wait on far from their limits.
    /// </summary>
    static int TestProjectsAtOnce => Math.Max(1, Environment.ProcessorCount / 2);

    async Task RunTestsAsync()
    {
        var sessions = new List<EmulationSession>();
        try
        {
            await RunTestsAsync(await PublishBinariesUnderTestAsync(sessions));
        }
        finally
        {
            await EmulationSession.DisposeAllAsync(sessions);
        }
    }

    async Task RunTestsAsync(Dictionary<string, string?> environment)
    {
        BuildOutputs.DeleteDirectory(TestResultsDirectory);
        string[] loggers = IsServerBuild && EnvironmentVariables.GetValueOrDefault("GITHUB_ACTIONS") == "true"
            ? ["--logger", "trx", "--logger", "GitHubActions"]
            : ["--logger", "trx"];
        try
        {
            await ToolRunner.DotNetAsync(["test", Solution, "--no-build", "-c", Configuration.ToString(), "--results-directory", TestResultsDirectory,
                    $"-maxcpucount:{TestProjectsAtOnce}", .. loggers],
                RootDirectory, environment);
        }
        finally
        {
            var results = TestResultSummary.Read(TestResultsDirectory);
            Log.Information("{Results}", results.ToString());
            ReportSummary("tests", results.ToString());
            var perPlatform = TestResultSummary.PerPlatform(TestResultsDirectory);
            foreach (var platform in perPlatform)
            {
                ReportSummary("tests per platform", platform);
            }

            Directory.CreateDirectory(TestResultsDirectory);
            await File.WriteAllTextAsync(TestResultsDirectory / "summary.txt", string.Concat(perPlatform.Prepend(results.ToString()).Select(line => line + "\n")));
        }
    }

    /// <summary>The platforms the published-binary suites also run when this machine runs them by emulation (qemu-user, Wine).</summary>
    static readonly string[] EmulatedTestRuntimes = ["linux-x64", "linux-arm64", "win-x64"];

    /// <summary>
    /// The binaries under test, named in <c>PRISM_TEST_BINARIES</c>: this machine's sidecars published both ways, and
    /// those of each platform in <see cref="EmulatedTestRuntimes"/> this machine emulates, published as the pipeline
    /// publishes them (<c>--publish-mode auto</c>), each with its emulator — for which a session is started into
    /// <paramref name="sessions"/> (the caller disposes them after the tests: Wine's prefix lives that long).
    /// A platform without its emulator is named in the summary with what to install, and not tested.
    /// </summary>
    async Task<Dictionary<string, string?>> PublishBinariesUnderTestAsync(List<EmulationSession> sessions)
    {
        var listed = (await PublishForThisMachineBothWaysAsync(Selection.Sidecars)).Select(binary => UnderTest(binary, null)).ToList();
        foreach (var (runtime, route) in await EmulatedPlatformsAsync(EmulatedTestRuntimes, runtime => $"tests on {runtime.Rid}", "not run"))
        {
            var published = await PublishAllAsync(Selection.Sidecars, [runtime], PublishModeChoice.Auto, PublishDirectory);
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
            emulator = new EmulatorUnderTest(found.Name, found.Version, session.Prefix, session.Environment);
        }

        return new BinaryUnderTest(binary.Request.Sidecar.Name, binary.Request.Runtime.Rid, binary.Request.ModeName, binary.Path, emulator);
    }
}
