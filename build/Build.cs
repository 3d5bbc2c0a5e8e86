using Prism.Pipeline.Emulation;
using Prism.Pipeline.Engine;
using Prism.Pipeline.Tools;

/// <summary>The recipe: which targets exist and how they depend on each other. The work lives in the classes they call.</summary>
internal sealed partial class Build : NukeBuild
{
    public static int Main() => Execute<Build>(x => x.Smoke);

    [Parameter("Configuration for Compile and Test.")]
    readonly Configuration Configuration = Configuration.Debug;

    AbsolutePath Solution => RootDirectory / "prism.slnx";
    AbsolutePath ArtifactsDirectory => RootDirectory / "artifacts";
    AbsolutePath TestResultsDirectory => ArtifactsDirectory / "test-results";

    /// <summary>Runs the command-line tools the targets call (dotnet, lipo), logged and cancelled with the build.</summary>
    ToolRunner ToolRunner => new(Log, CancellationToken);

    Target Clean => _ => _
        .Description("Deletes artifacts/ and the bin/ and obj/ folders under src/ and tests/.")
        .Before(Restore)
        .Executes(() => BuildOutputs.Delete(RootDirectory, ArtifactsDirectory, Log));

    Target Restore => _ => _
        .Description("Restores the NuGet packages of every project.")
        .Executes(() => ToolRunner.DotNetAsync(["restore", Solution], RootDirectory));

    Target Compile => _ => _
        .Description("Builds every project; warnings are errors.")
        .DependsOn(Restore)
        .Executes(() => ToolRunner.DotNetAsync(["build", Solution, "--no-restore", "-c", Configuration.ToString(), "-nologo"], RootDirectory));

    Target Test => _ => _
        .Description("Runs every test project, also against the sidecars published for this machine; TRX results go to artifacts/test-results.")
        .DependsOn(Compile)
        .Executes(RunTestsAsync);

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
            foreach (var session in sessions)
            {
                await session.DisposeAsync();
            }
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
}

enum Configuration
{
    Debug,
    Release,
}
