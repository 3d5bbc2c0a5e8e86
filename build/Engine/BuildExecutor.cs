using System.Diagnostics;
using Prism.Pipeline.Engine.Output;
using Serilog;

namespace Prism.Pipeline.Engine;

/// <summary>
/// Runs a plan target by target. After a failure (or Ctrl-C) the remaining targets are not run, except those marked
/// <c>AssuredAfterFailure</c>; a target whose dependency did not succeed never runs.
/// </summary>
internal sealed class BuildExecutor(BuildHost host, ILogger log, CancellationToken abort)
{
    /// <summary>The target whose actions are running, so <see cref="NukeBuild.ReportSummary"/> knows whose row to note.</summary>
    public ExecutableTarget? Current { get; private set; }

    /// <summary>The targets of this run in order, skipped ones included (their status says so).</summary>
    public IReadOnlyList<ExecutableTarget> Plan { get; private set; } = [];

    public async Task RunAsync(IReadOnlyList<ExecutableTarget> plan)
    {
        Plan = plan;
        var stopBuild = false;
        foreach (var target in plan.Where(target => target.Status != TargetStatus.Skipped))
        {
            if (ReasonNotToRun(target, plan, stopBuild) is { } reason)
            {
                (target.Status, target.StatusReason) = (TargetStatus.NotRun, reason);
                continue;
            }

            if (target.DynamicConditions.FirstOrDefault(condition => !condition.Evaluate()) is { } falseCondition)
            {
                (target.Status, target.StatusReason) = (TargetStatus.Skipped, falseCondition.Text);
                continue;
            }

            await ExecuteAsync(target);
            stopBuild |= target.Status == TargetStatus.Failed && !target.ProceedAfterFailure;
        }
    }

    private string? ReasonNotToRun(ExecutableTarget target, IReadOnlyList<ExecutableTarget> plan, bool stopBuild)
    {
        if (target.AssuredAfterFailure)
        {
            return null;
        }

        if (abort.IsCancellationRequested)
        {
            return "aborted";
        }

        var broken = target.ExecutionDependencies.FirstOrDefault(dependency =>
            plan.Contains(dependency) && dependency.Status is not (TargetStatus.Succeeded or TargetStatus.Skipped));
        return broken is not null ? $"{broken.Name} did not succeed" : stopBuild ? "an earlier target failed" : null;
    }

    private async Task ExecuteAsync(ExecutableTarget target)
    {
        if (target.IsCollective)
        {
            target.Status = TargetStatus.Succeeded;
            return;
        }

        host.BeginTarget(target.Name);
        Current = target;
        var stopwatch = Stopwatch.StartNew();
        try
        {
            foreach (var action in target.Actions)
            {
                await action();
            }

            target.Status = TargetStatus.Succeeded;
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            target.Status = TargetStatus.Aborted;
            log.Error("{Target} was aborted", target.Name);
        }
        catch (Exception exception)
        {
            target.Status = TargetStatus.Failed;
            log.Error("{Target} failed: {Message}", target.Name, exception.Message);
            if (exception is not BuildException)
            {
                log.Debug("{Details}", exception.ToString());
            }
        }
        finally
        {
            target.Duration = stopwatch.Elapsed;
            Current = null;
            host.EndTarget(target.Name);
        }
    }
}
