using Prism.Pipeline.Engine;

namespace Prism.Pipeline.Tests.Engine;

/// <summary>What a build run left behind: its exit code and everything it printed.</summary>
internal sealed record BuildRun(int ExitCode, string Output);

/// <summary>Runs a build in-process in a fresh temporary repository root (a folder with <c>.nuke/</c>).</summary>
internal sealed class BuildHarness : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public BuildHarness() => Directory.CreateDirectory(Path.Combine(Root, ".nuke"));

    public string Root => folder.Path;

    public Dictionary<string, string> Environment { get; } = [];

    public CancellationTokenSource Abort { get; } = new();

    public void WriteParametersFile(string json) => File.WriteAllText(Path.Combine(Root, ".nuke", "parameters.json"), json);

    public BuildRun Run(NukeBuild build, string defaultTarget, params string[] args)
    {
        using var output = new StringWriter();
        var context = new BuildContext(args, Environment, Root, output, Abort.Token);
        var exitCode = BuildRunner.RunAsync(build, defaultTarget, context).GetAwaiter().GetResult();
        return new BuildRun(exitCode, output.ToString());
    }

    public void Dispose()
    {
        Abort.Dispose();
        folder.Dispose();
    }
}

/// <summary>A build that records which targets ran, in order.</summary>
internal abstract class RecordingBuild : NukeBuild
{
    public List<string> Ran { get; } = [];

    protected void Record(string name) => Ran.Add(name);
}
