using Prism.Pipeline.Engine;

namespace Prism.Pipeline.Tests.Engine;

public sealed class FailureTests : IDisposable
{
    private readonly BuildHarness harness = new();

    public void Dispose() => harness.Dispose();

    private sealed class Failing : RecordingBuild
    {
        [Parameter("An API key.")] readonly string? ApiKey = null;
        [Parameter("Where to publish.")] readonly string[] Feeds = [];

        Target Compile => _ => _.Executes(() => Record(nameof(Compile)));
        Target Lint => _ => _.ProceedAfterFailure().Executes(() =>
        {
            Record(nameof(Lint));
            throw BuildException.Failure("3 style errors");
        });
        Target Test => _ => _.DependsOn(Compile).After(Lint).Executes(() => throw new InvalidOperationException("2 tests failed"));
        Target Pack => _ => _.DependsOn(Test).Executes(() => Record(nameof(Pack)));
        Target Docs => _ => _.After(Test).Executes(() => Record(nameof(Docs)));
        Target Cleanup => _ => _.After(Pack, Docs).AssuredAfterFailure().Executes(() => Record(nameof(Cleanup)));
        Target Push => _ => _.DependsOn(Compile).Requires(() => ApiKey).Requires(() => Feeds).Executes(() => Record(nameof(Push)));
    }

    [Fact]
    public void After_a_failure_only_assured_targets_run_and_the_exit_code_is_1()
    {
        var build = new Failing();

        var run = harness.Run(build, "Pack", "pack", "docs", "cleanup");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["Compile", "Cleanup"], build.Ran);
        Assert.Matches(@"Test\s+Failed", run.Output);
        Assert.Matches(@"Pack\s+NotRun \(Test did not succeed\)", run.Output);
        Assert.Matches(@"Docs\s+NotRun \(an earlier target failed\)", run.Output);
        Assert.Contains("Build failed on", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failure_prints_its_message_without_a_stack_trace_and_is_replayed_above_the_summary()
    {
        var run = harness.Run(new Failing(), "Test");

        var replay = run.Output[run.Output.IndexOf("Errors & Warnings", StringComparison.Ordinal)..];
        Assert.Contains("[ERR] Test failed: 2 tests failed", replay, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Proceed_after_failure_lets_the_build_go_on_but_it_still_fails()
    {
        var build = new Failing();

        var run = harness.Run(build, "Lint", "lint", "docs");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["Lint", "Docs"], build.Ran);
    }

    [Fact]
    public void Requirements_are_checked_for_every_planned_target_before_any_runs()
    {
        var build = new Failing();

        var run = harness.Run(build, "Push");

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(build.Ran);
        Assert.Contains("Push requires ApiKey to be set.", run.Output, StringComparison.Ordinal);
        Assert.Contains("Push requires Feeds to be set.", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Requirements_are_met_by_parameters()
    {
        var build = new Failing();

        var run = harness.Run(build, "Push", "--api-key", "k", "--feeds", "a", "b");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["Compile", "Push"], build.Ran);
    }

    private sealed class Interrupted : RecordingBuild
    {
        public required CancellationTokenSource Abort { get; init; }

        Target Long => _ => _.Executes(async () =>
        {
            Record(nameof(Long));
            await Abort.CancelAsync();
            await Task.Delay(Timeout.Infinite, CancellationToken);
        });

        Target Next => _ => _.After(Long).Executes(() => Record(nameof(Next)));
        Target Cleanup => _ => _.After(Next).AssuredAfterFailure().Executes(() => Record(nameof(Cleanup)));
    }

    [Fact]
    public void Ctrl_c_aborts_the_running_target_still_runs_assured_targets_and_exits_130()
    {
        var build = new Interrupted { Abort = harness.Abort };

        var run = harness.Run(build, "Long", "long", "next", "cleanup");

        Assert.Equal(130, run.ExitCode);
        Assert.Equal(["Long", "Cleanup"], build.Ran);
        Assert.Matches(@"Long\s+Aborted", run.Output);
        Assert.Matches(@"Next\s+NotRun \(aborted\)", run.Output);
    }

    private sealed class Noting : RecordingBuild
    {
        Target Publish => _ => _.Executes(() => ReportSummary("tr-daemon-x86_64-unknown-linux-gnu", "4.9 MB"));
    }

    [Fact]
    public void Notes_a_target_reports_appear_under_its_summary_row()
    {
        var run = harness.Run(new Noting(), "Publish");

        // The row's duration is whatever the target took on this machine (a loaded one may pass a second): "< 1 sec" or m:ss.
        Assert.Matches(@"Publish\s+Succeeded\s+(< 1 sec|\d+:\d\d)\n\s+tr-daemon-x86_64-unknown-linux-gnu: 4.9 MB", run.Output.ReplaceLineEndings("\n"));
    }
}
