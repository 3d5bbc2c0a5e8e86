namespace Prism.Pipeline.Engine;

/// <summary>A target in the plan and why it is there ("invoked", "dependency of X", "triggered by Y").</summary>
internal sealed record PlannedTarget(ExecutableTarget Target, string Reason);

/// <summary>Decides which targets run, and in which order, for the targets people invoked.</summary>
internal static class ExecutionPlanner
{
    /// <summary>The invoked targets, everything they depend on or trigger, topologically ordered.</summary>
    public static IReadOnlyList<PlannedTarget> Plan(TargetGraph graph, IReadOnlyList<ExecutableTarget> invoked)
    {
        var reasons = new Dictionary<ExecutableTarget, string>();
        var queue = new Queue<ExecutableTarget>();
        void Include(ExecutableTarget target, string reason)
        {
            if (reasons.TryAdd(target, reason))
            {
                queue.Enqueue(target);
            }
        }

        foreach (var target in invoked)
        {
            Include(target, "invoked");
        }

        while (queue.TryDequeue(out var target))
        {
            foreach (var dependency in target.ExecutionDependencies)
            {
                Include(dependency, $"dependency of {target.Name}");
            }

            foreach (var triggered in target.Triggers)
            {
                Include(triggered, $"triggered by {target.Name}");
            }
        }

        var ordered = TopologicalOrder.Sort(
            reasons.Keys,
            target => target.Predecessors.Concat(TargetGraph.TriggeredFrom(reasons.Keys, target)));
        return ordered.Select(target => new PlannedTarget(target, reasons[target])).ToList();
    }
}
