using System.Text.RegularExpressions;
using Prism.Pipeline.Tests.Engine;
using YamlDotNet.RepresentationModel;

namespace Prism.Pipeline.Tests.Workflows;

/// <summary>
/// Every build command the CI workflow runs — per matrix entry, with <c>${{ matrix.* }}</c> filled in — is one the
/// real build accepts: its targets exist and its parameters and values bind. Planned only (<c>--plan</c>), so a
/// renamed target or parameter fails here, not on a GitHub runner an hour later.
/// </summary>
public sealed partial class WorkflowBuildCommandsTests
{
    private static readonly string Workflow = Path.Combine(RepositoryPaths.Root, ".github", "workflows", "ci.yml");

    public static TheoryData<string, string> BuildCommands()
    {
        var data = new TheoryData<string, string>();
        foreach (var (where, command) in WorkflowBuildCommands.Read(Workflow))
        {
            data.Add(where, command);
        }

        return data;
    }

    [Fact]
    public void The_workflow_runs_the_tests_smoke_and_the_gather_through_the_build()
    {
        var commands = WorkflowBuildCommands.Read(Workflow).Select(entry => entry.Command).ToList();

        Assert.Contains(commands, command => command.StartsWith("./build.ps1 test", StringComparison.Ordinal));
        Assert.Contains(commands, command => command.StartsWith("./build.sh test", StringComparison.Ordinal));
        Assert.Contains(commands, command => command.Contains(" Smoke ", StringComparison.Ordinal) && command.Contains("--runtimes win-x64", StringComparison.Ordinal));
        Assert.Contains(commands, command => command.Contains("Verify", StringComparison.Ordinal) && command.Contains("--all-triples", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(BuildCommands))]
    public void The_build_accepts_the_command(string where, string command)
    {
        using var harness = new BuildHarness();
        var arguments = command.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Append("--plan").ToArray();

        var run = harness.Run(new Build(), "Smoke", arguments);

        Assert.True(run.ExitCode == 0, $"{where}: `{command}` is refused by the build (exit {run.ExitCode}):{Environment.NewLine}{run.Output}");
    }
}

/// <summary>The <c>./build.sh</c> / <c>./build.ps1</c> command lines of a workflow, one per job × matrix entry.</summary>
internal static partial class WorkflowBuildCommands
{
    public static IReadOnlyList<(string Where, string Command)> Read(string workflowPath)
    {
        var yaml = new YamlStream();
        using (var reader = File.OpenText(workflowPath))
        {
            yaml.Load(reader);
        }

        var commands = new List<(string, string)>();
        var jobs = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["jobs"];
        foreach (var (jobName, jobNode) in jobs.Children.Select(pair => (((YamlScalarNode)pair.Key).Value!, (YamlMappingNode)pair.Value)))
        {
            foreach (var matrix in MatrixEntries(jobNode))
            {
                foreach (var step in Steps(jobNode))
                {
                    if (!step.Children.TryGetValue(new YamlScalarNode("run"), out var run))
                    {
                        continue;
                    }

                    var line = MatrixReference().Replace(((YamlScalarNode)run).Value!, match =>
                        matrix.TryGetValue(match.Groups["key"].Value, out var value)
                            ? value
                            : throw new InvalidOperationException($"{workflowPath}: job '{jobName}' uses matrix.{match.Groups["key"].Value}, which its matrix does not define."));
                    foreach (var command in line.Split('\n').Select(part => part.Trim()).Where(part => part.StartsWith("./build.", StringComparison.Ordinal)))
                    {
                        commands.Add(($"job '{jobName}'{(matrix.TryGetValue("name", out var name) ? $" ({name})" : "")}", command));
                    }
                }
            }
        }

        return commands;
    }

    /// <summary>The job's <c>strategy.matrix.include</c> entries, or one empty entry for a job without a matrix.</summary>
    private static IEnumerable<Dictionary<string, string>> MatrixEntries(YamlMappingNode job) =>
        job.Children.TryGetValue(new YamlScalarNode("strategy"), out var strategy)
            ? ((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)strategy)["matrix"])["include"]).Children
                .Cast<YamlMappingNode>()
                .Select(entry => entry.Children.ToDictionary(pair => ((YamlScalarNode)pair.Key).Value!, pair => ((YamlScalarNode)pair.Value).Value!))
            : [[]];

    private static IEnumerable<YamlMappingNode> Steps(YamlMappingNode job) =>
        job.Children.TryGetValue(new YamlScalarNode("steps"), out var steps) ? ((YamlSequenceNode)steps).Children.Cast<YamlMappingNode>() : [];

    [GeneratedRegex(@"\$\{\{\s*matrix\.(?<key>[A-Za-z0-9_-]+)\s*\}\}")]
    private static partial Regex MatrixReference();
}
