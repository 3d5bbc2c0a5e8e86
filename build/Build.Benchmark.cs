using Prism.Pipeline.Engine;
using Prism.Pipeline.Sidecars;

/// <summary>Speed and size, measured by a timed harness in one process against a Python baseline — never by timed tests.</summary>
internal sealed partial class Build
{
    AbsolutePath BenchmarkProject => RootDirectory / "tests" / "Prism.Benchmarks" / "Prism.Benchmarks.csproj";

    [Parameter("Cold starts per binary in the Benchmark target.")]
    readonly int BenchmarkRuns = 15;

    Target Benchmark => _ => _
        .Description("Publishes this machine's tr-daemon as Native AOT and as a single file and reports size and spawn → first reply, against a Python floor.")
        .Executes(async () =>
        {
            var daemons = await PublishForThisMachineBothWaysAsync([.. Sidecars.Where(sidecar => sidecar.Kind == SidecarKind.Daemon)]);
            string[] arguments = [.. daemons.SelectMany(binary => new[] { "--daemon", $"{binary.Request.ModeName}={binary.Path}" })];
            await Tools.DotNetAsync(["run", "--project", BenchmarkProject, "-c", "Release", "--", .. arguments, "--runs", BenchmarkRuns.ToString()], RootDirectory);
        });
}
