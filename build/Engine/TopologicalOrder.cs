namespace Prism.Pipeline.Engine;

/// <summary>Orders targets so each comes after its predecessors; ties keep declaration order, so runs are repeatable.</summary>
internal static class TopologicalOrder
{
    /// <summary>Sorts <paramref name="targets"/> (edges outside the set are ignored) or fails naming a cycle.</summary>
    public static List<ExecutableTarget> Sort(
        IReadOnlyCollection<ExecutableTarget> targets,
        Func<ExecutableTarget, IEnumerable<ExecutableTarget>> predecessors)
    {
        var set = targets.ToHashSet();
        var waitingFor = targets.ToDictionary(target => target, target => predecessors(target).Where(set.Contains).Distinct().ToList());
        var ordered = new List<ExecutableTarget>(targets.Count);
        while (waitingFor.Count > 0)
        {
            var next = waitingFor.Where(pair => pair.Value.All(ordered.Contains))
                .Select(pair => pair.Key)
                .OrderBy(target => target.DeclarationIndex)
                .FirstOrDefault() ?? throw BuildException.Cycle(FindCycle(waitingFor));
            ordered.Add(next);
            waitingFor.Remove(next);
        }

        return ordered;
    }

    /// <summary>Walks predecessor edges among the unsortable targets until one repeats: that loop is the cycle.</summary>
    private static IEnumerable<string> FindCycle(Dictionary<ExecutableTarget, List<ExecutableTarget>> waitingFor)
    {
        var path = new List<ExecutableTarget> { waitingFor.Keys.OrderBy(target => target.DeclarationIndex).First() };
        while (true)
        {
            var next = waitingFor[path[^1]].First(waitingFor.ContainsKey);
            var seenAt = path.IndexOf(next);
            if (seenAt >= 0)
            {
                // Read "a -> b" as "a needs b first".
                return path.Skip(seenAt).Append(next).Select(target => target.Name);
            }

            path.Add(next);
        }
    }
}
