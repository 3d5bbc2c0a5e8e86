using System.Text.RegularExpressions;
using Prism.Pipeline.Tests.Engine;

namespace Prism.Pipeline.Tests.Workflows;

/// <summary>
/// The recipe at the top of <c>build/Build.cs</c> — what a run does in order, and every target with the file it lives
/// in — says what the build does: each run it shows is what <c>--plan</c> plans, every target <c>--help</c> lists is
/// named once, and each lives in the file named.
/// </summary>
public sealed partial class RecipeTests
{
    private static readonly string BuildFolder = Path.Combine(RepositoryPaths.Root, "build");

    private static readonly string[] Recipe = File.ReadAllLines(Path.Combine(BuildFolder, "Build.cs"))
        .Where(line => line.StartsWith("///", StringComparison.Ordinal)).ToArray();

    /// <summary>The runs the recipe shows: the target invoked ("" for the default) and the targets it says run, in order.</summary>
    private static IEnumerable<(string Target, string Plan)> RunsInRecipe =>
        Recipe.Select(line => RunLine().Match(line)).Where(match => match.Success).Select(match => (match.Groups["target"].Value, match.Groups["plan"].Value));

    public static TheoryData<string, string> Runs() => [.. RunsInRecipe];

    [Fact]
    public void The_recipe_shows_the_default_run_and_the_release()
    {
        var targets = RunsInRecipe.Select(run => run.Target).ToList();

        Assert.Contains("", targets);
        Assert.Contains("Pack", targets);
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Each_run_in_the_recipe_is_what_the_build_plans(string target, string recipePlan)
    {
        using var harness = new BuildHarness();
        string[] arguments = [.. target.Length > 0 ? [target] : Array.Empty<string>(), "--plan", "--no-logo"];

        var run = harness.Run(new Build(), "Smoke", arguments);

        Assert.True(run.ExitCode == 0, run.Output);
        var planned = run.Output.Split('\n').Select(line => PlanLine().Match(line)).Where(match => match.Success).Select(match => match.Groups["name"].Value);
        Assert.Equal(recipePlan.Split('→', StringSplitOptions.TrimEntries), planned);
    }

    [Fact]
    public void The_recipe_names_every_target_once_with_the_file_it_lives_in()
    {
        using var harness = new BuildHarness();
        var help = harness.Run(new Build(), "Smoke", "--help", "--no-logo").Output;
        var targets = help[help.IndexOf("Targets:", StringComparison.Ordinal)..help.IndexOf("Parameters", StringComparison.Ordinal)]
            .Split('\n').Select(line => HelpTargetLine().Match(line)).Where(match => match.Success).Select(match => match.Groups["name"].Value).ToList();
        var named = Recipe.Select(line => TargetLine().Match(line)).Where(match => match.Success)
            .Select(match => (Name: match.Groups["name"].Value, File: match.Groups["file"].Value)).ToList();

        Assert.NotEmpty(targets);
        Assert.Equal(targets.Order(StringComparer.Ordinal), named.Select(entry => entry.Name).Order(StringComparer.Ordinal));
        Assert.All(named, entry => Assert.True(
            File.Exists(Path.Combine(BuildFolder, entry.File)) &&
            File.ReadAllText(Path.Combine(BuildFolder, entry.File)).Contains($"Target {entry.Name} =>", StringComparison.Ordinal),
            $"build/Build.cs says {entry.Name} lives in {entry.File}, but it is not declared there."));
    }

    /// <summary><c>///   ./build.sh [Target]   A → B → C</c></summary>
    [GeneratedRegex(@"^///\s+\./build\.sh(?:\s+(?<target>\w+))?\s{2,}(?<plan>\w+(?:\s*→\s*\w+)*)\s*$")]
    private static partial Regex RunLine();

    /// <summary><c>///   Target   Build.Family.cs   what it is</c></summary>
    [GeneratedRegex(@"^///\s+(?<name>[A-Z]\w*)\s+(?<file>Build(?:\.\w+)?\.cs)\b")]
    private static partial Regex TargetLine();

    /// <summary><c>   1. Publish    dependency of Stage</c></summary>
    [GeneratedRegex(@"^\s+\d+\.\s+(?<name>\w+)")]
    private static partial Regex PlanLine();

    /// <summary><c>  Smoke (default)    Runs each staged sidecar…</c></summary>
    [GeneratedRegex(@"^  (?<name>[A-Z]\w*)(?: \(default\))?\s{2,}")]
    private static partial Regex HelpTargetLine();
}
