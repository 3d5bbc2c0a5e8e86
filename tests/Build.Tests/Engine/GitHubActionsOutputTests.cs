using Prism.Pipeline.Engine;

namespace Prism.Pipeline.Tests.Engine;

public sealed class GitHubActionsOutputTests : IDisposable
{
    private readonly BuildHarness harness = new();

    public GitHubActionsOutputTests()
    {
        harness.Environment["GITHUB_ACTIONS"] = "true";
        harness.Environment["GITHUB_STEP_SUMMARY"] = StepSummary;
    }

    private string StepSummary => Path.Combine(harness.Root, "step-summary.md");

    public void Dispose() => harness.Dispose();

    private sealed class Annotated : RecordingBuild
    {
        Target Compile => _ => _.Executes(() => Log.Warning("100% of\r\nthe lines"));
        Target Test => _ => _.DependsOn(Compile).Executes(() => throw BuildException.Failure("expected 1\nbut got 2"));
    }

    [Fact]
    public void Each_target_is_a_group_and_problems_are_escaped_annotations()
    {
        var run = harness.Run(new Annotated(), "Test");

        var lines = run.Output.ReplaceLineEndings("\n").Split('\n');
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            ["::group::Compile", "::warning::100%25 of%0D%0Athe lines", "::endgroup::", "::group::Test", "::error::Test failed: expected 1%0Abut got 2", "::endgroup::"],
            lines.Where(line => line.StartsWith("::", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_summary_is_appended_to_the_step_summary_as_markdown()
    {
        File.WriteAllText(StepSummary, "earlier step\n");

        harness.Run(new Annotated(), "Test");

        var markdown = File.ReadAllText(StepSummary);
        Assert.StartsWith("earlier step\n### Build failed", markdown, StringComparison.Ordinal);
        Assert.Contains("| Target | Status | Duration |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Compile | Succeeded |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Test | Failed |", markdown, StringComparison.Ordinal);
    }
}
