using System.Reflection;

namespace Prism.Pipeline.Engine;

/// <summary>The targets of a build, found as its <see cref="Target"/> properties, with their edges resolved.</summary>
internal sealed class TargetGraph
{
    private TargetGraph(IReadOnlyList<ExecutableTarget> targets) => Targets = targets;

    /// <summary>All targets in declaration order.</summary>
    public IReadOnlyList<ExecutableTarget> Targets { get; }

    /// <summary>Reads every <see cref="Target"/> property of the build, in declaration order, and checks the whole graph.</summary>
    public static TargetGraph Create(object build)
    {
        var properties = build.GetType()
            .GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(property => property.PropertyType == typeof(Target))
            .OrderBy(property => property.MetadataToken)
            .ToList();

        var byDelegate = new Dictionary<Target, TargetDefinition>();
        var byName = new Dictionary<string, ExecutableTarget>();
        foreach (var property in properties)
        {
            var target = new ExecutableTarget(property.Name, byDelegate.Count);
            if (byName.TryGetValue(Names.Normalize(target.Name), out var existing))
            {
                throw BuildException.DuplicateTarget(existing.Name, target.Name);
            }

            byName.Add(Names.Normalize(target.Name), target);
            byDelegate.Add((Target)property.GetValue(build)!, new TargetDefinition(target));
        }

        // Declarations refer to other targets by delegate: a lambda capturing only 'this' compares equal across getter calls.
        foreach (var (declaration, definition) in byDelegate)
        {
            declaration(definition);
        }

        foreach (var definition in byDelegate.Values)
        {
            Connect(definition, byDelegate);
        }

        var graph = new TargetGraph(byDelegate.Values.Select(definition => definition.Target).ToList());
        TopologicalOrder.Sort(graph.Targets, target => target.Predecessors.Concat(TriggeredFrom(graph.Targets, target)));
        return graph;
    }

    /// <summary>Finds a target by the name people typed, or fails listing the names that exist.</summary>
    public ExecutableTarget Find(string name) =>
        Targets.FirstOrDefault(target => Names.Normalize(target.Name) == Names.Normalize(name))
        ?? throw BuildException.UnknownTarget(name, Targets.Where(target => !target.Unlisted).Select(target => target.Name));

    /// <summary>The targets whose <c>Triggers</c> name this one: it runs after them.</summary>
    public static IEnumerable<ExecutableTarget> TriggeredFrom(IEnumerable<ExecutableTarget> targets, ExecutableTarget target) =>
        targets.Where(candidate => candidate.Triggers.Contains(target));

    private static void Connect(TargetDefinition definition, Dictionary<Target, TargetDefinition> byDelegate)
    {
        var target = definition.Target;
        ExecutableTarget Resolve(Target reference) =>
            byDelegate.TryGetValue(reference, out var found) ? found.Target : throw BuildException.UndeclaredTarget(target.Name);

        target.ExecutionDependencies.AddRange(definition.DependsOnTargets.Select(Resolve));
        target.OrderDependencies.AddRange(definition.AfterTargets.Select(Resolve));
        target.Triggers.AddRange(definition.TriggersTargets.Select(Resolve));
        foreach (var dependent in definition.DependentForTargets.Select(Resolve))
        {
            dependent.ExecutionDependencies.Add(target);
        }

        foreach (var later in definition.BeforeTargets.Select(Resolve))
        {
            later.OrderDependencies.Add(target);
        }

        foreach (var trigger in definition.TriggeredByTargets.Select(Resolve))
        {
            trigger.Triggers.Add(target);
        }
    }
}
