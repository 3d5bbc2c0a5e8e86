using Prism.Pipeline.Engine;

namespace Prism.Pipeline.Tests.Engine;

public sealed class SkipTests : IDisposable
{
    private readonly BuildHarness harness = new();

    public void Dispose() => harness.Dispose();

    private sealed class Pipeline : RecordingBuild
    {
        public bool HasToken { get; init; }

        Target Restore => _ => _.Executes(() => Record(nameof(Restore)));
        Target Compile => _ => _.DependsOn(Restore).Executes(() => Record(nameof(Compile)));
        Target Test => _ => _.DependsOn(Compile).Executes(() => Record(nameof(Test)));
        Target Publish => _ => _.DependsOn(Test).OnlyWhenDynamic(() => HasToken).Executes(() => Record(nameof(Publish)));
    }

    [Fact]
    public void Bare_skip_skips_every_target_that_was_not_invoked()
    {
        var build = new Pipeline();

        var run = harness.Run(build, "Test", "test", "--skip");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["Test"], build.Ran);
        Assert.Matches(@"Restore\s+Skipped \(--skip\)", run.Output);
    }

    [Fact]
    public void Named_skip_skips_exactly_those_targets_and_keeps_their_dependencies()
    {
        var build = new Pipeline();

        var run = harness.Run(build, "Test", "test", "--skip", "compile");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["Restore", "Test"], build.Ran);
    }

    [Fact]
    public void Skipping_an_unknown_target_fails()
    {
        var run = harness.Run(new Pipeline(), "Test", "--skip", "lint");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Target 'lint' does not exist", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_false_dynamic_condition_skips_with_its_source_text_as_the_reason()
    {
        var build = new Pipeline { HasToken = false };

        var run = harness.Run(build, "Publish");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["Restore", "Compile", "Test"], build.Ran);
        Assert.Contains("Skipped (HasToken)", run.Output, StringComparison.Ordinal);
    }

    private sealed class Conditional : RecordingBuild
    {
        public int Evaluations { get; private set; }

        Target First => _ => _.Executes(() => Record(nameof(First)));
        Target Second => _ => _.DependsOn(First).OnlyWhenDynamic(() => Ran.Contains("First") && ++Evaluations > 0).Executes(() => Record(nameof(Second)));
        Target Static => _ => _.DependsOn(First).OnlyWhenStatic(() => Ran.Contains("First")).Executes(() => Record(nameof(Static)));
    }

    [Fact]
    public void Dynamic_conditions_are_evaluated_just_before_the_target_runs()
    {
        var build = new Conditional();

        harness.Run(build, "Second");

        Assert.Equal(["First", "Second"], build.Ran);
        Assert.Equal(1, build.Evaluations);
    }

    [Fact]
    public void Static_conditions_are_evaluated_before_any_target_runs()
    {
        var build = new Conditional();

        var run = harness.Run(build, "Static");

        Assert.Equal(["First"], build.Ran);
        Assert.Contains("Skipped (Ran.Contains(\"First\"))", run.Output, StringComparison.Ordinal);
    }
}
