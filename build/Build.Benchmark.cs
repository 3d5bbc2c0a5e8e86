using Prism.Pipeline.Engine;
using Prism.Pipeline.Sidecars;

/// <summary>Speed and size, measured by a timed harness in one process against a Python baseline — never by timed tests.</summary>
internal sealed partial class Build
{
    AbsolutePath BenchmarkProject => RootDirectory / "tests" / "Prism.Benchmarks" / "Prism.Benchmarks.csproj";

    [Parameter("Cold starts per binary in the Benchmark target.")]
    readonly int BenchmarkRuns = 15;

    Target Benchmark => _ => _
        .Description("Publishes this machine's sidecars as Native AOT and as single files and reports size and spawn → first reply, against Python floors.")
        .Executes(async () =>
        {
            var binaries = await PublishForThisMachineBothWaysAsync(SelectedSidecars);
            string[] arguments = [.. binaries.SelectMany(binary => new[] { binary.Request.Sidecar.Kind == SidecarKind.Daemon ? "--daemon" : "--host", $"{binary.Request.ModeName}={binary.Path}" })];
            await Tools.DotNetAsync(["run", "--project", BenchmarkProject, "-c", "Release", "--", .. arguments, "--runs", BenchmarkRuns.ToString()], RootDirectory);
        });
}
