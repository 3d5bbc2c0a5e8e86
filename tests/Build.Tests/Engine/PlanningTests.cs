using Prism.Pipeline.Engine;

namespace Prism.Pipeline.Tests.Engine;

public sealed class PlanningTests : IDisposable
{
    private readonly BuildHarness harness = new();

    public void Dispose() => harness.Dispose();

    private sealed class Pipeline : RecordingBuild
    {
        Target Restore => _ => _.Executes(() => Record(nameof(Restore)));
        Target Compile => _ => _.DependsOn(Restore).Executes(() => Record(nameof(Compile)));
        Target Lint => _ => _.DependsOn(Restore).Executes(() => Record(nameof(Lint)));
        Target Test => _ => _.DependsOn(Compile, Lint).Executes(() => Record(nameof(Test)));
        Target Pack => _ => _.DependsOn(Compile).After(Test).Executes(() => Record(nameof(Pack)));
        Target Report => _ => _.TriggeredBy(Pack).Executes(() => Record(nameof(Report)));
        Target Announce => _ => _.Before(Restore).Executes(() => Record(nameof(Announce)));
    }

    [Fact]
    public void Dependencies_run_first_and_ties_keep_declaration_order()
    {
        var build = new Pipeline();

        var run = harness.Run(build, "Test");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["Restore", "Compile", "Lint", "Test"], build.Ran);
    }

    [Fact]
    public void After_orders_without_pulling_the_target_in()
    {
        var build = new Pipeline();

        harness.Run(build, "Test", "pack");

        Assert.Equal(["Restore", "Compile", "Pack", "Report"], build.Ran);
    }

    [Fact]
    public void After_orders_when_both_are_planned()
    {
        var build = new Pipeline();

        harness.Run(build, "Test", "pack", "test");

        Assert.Equal(["Restore", "Compile", "Lint", "Test", "Pack", "Report"], build.Ran);
    }

    [Fact]
    public void Before_runs_the_target_ahead_when_both_are_invoked()
    {
        var build = new Pipeline();

        harness.Run(build, "Test", "Restore", "Announce");

        Assert.Equal(["Announce", "Restore"], build.Ran);
    }

    [Fact]
    public void Target_names_match_case_insensitively_with_dashes_ignored()
    {
        var build = new Pipeline();

        var run = harness.Run(build, "Test", "--target", "RE-STORE");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["Restore"], build.Ran);
    }

    [Fact]
    public void Plan_prints_the_order_and_reasons_and_runs_nothing()
    {
        var build = new Pipeline();

        var run = harness.Run(build, "Test", "pack", "--plan");

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(build.Ran);
        Assert.Contains("1. Restore  dependency of Compile", run.Output, StringComparison.Ordinal);
        Assert.Contains("3. Pack     invoked", run.Output, StringComparison.Ordinal);
        Assert.Contains("4. Report   triggered by Pack", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_target_fails_listing_the_available_ones()
    {
        var run = harness.Run(new Pipeline(), "Test", "deploy");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Target 'deploy' does not exist. Available targets are: Restore, Compile, Lint, Test, Pack, Report, Announce.",
            run.Output, StringComparison.Ordinal);
    }

    private sealed class Cyclic : RecordingBuild
    {
        Target A => _ => _.DependsOn(B).Executes(() => Record("A"));
        Target B => _ => _.DependsOn(C).Executes(() => Record("B"));
        Target C => _ => _.After(A).Executes(() => Record("C"));
        Target D => _ => _.Executes(() => Record("D"));
    }

    [Fact]
    public void A_cycle_fails_naming_the_targets_in_it_before_anything_runs()
    {
        var build = new Cyclic();

        var run = harness.Run(build, "D");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Circular dependency: A -> B -> C -> A.", run.Output, StringComparison.Ordinal);
        Assert.Empty(build.Ran);
    }

    private sealed class Duplicated : RecordingBuild
    {
        Target Compile => _ => _.Executes(() => Record("Compile"));
#pragma warning disable IDE1006 // Deliberately a second spelling of the same command-line name.
        Target compile => _ => _.Executes(() => Record("compile"));
#pragma warning restore IDE1006
    }

    [Fact]
    public void Two_targets_with_the_same_command_line_name_fail()
    {
        var run = harness.Run(new Duplicated(), "Compile");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Duplicate target name: 'Compile' and 'compile'", run.Output, StringComparison.Ordinal);
    }
}
