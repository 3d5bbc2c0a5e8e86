namespace Prism.Pipeline.Engine;

/// <summary>Records what a target's declaration says; <see cref="TargetGraph"/> turns the records into edges.</summary>
internal sealed class TargetDefinition(ExecutableTarget target) : ITargetDefinition
{
    public ExecutableTarget Target { get; } = target;
    public List<Target> DependsOnTargets { get; } = [];
    public List<Target> DependentForTargets { get; } = [];
    public List<Target> AfterTargets { get; } = [];
    public List<Target> BeforeTargets { get; } = [];
    public List<Target> TriggersTargets { get; } = [];
    public List<Target> TriggeredByTargets { get; } = [];

    public ITargetDefinition Description(string description) => With(() => Target.Description = description);
    public ITargetDefinition DependsOn(params Target[] targets) => With(() => DependsOnTargets.AddRange(targets));
    public ITargetDefinition DependentFor(params Target[] targets) => With(() => DependentForTargets.AddRange(targets));
    public ITargetDefinition After(params Target[] targets) => With(() => AfterTargets.AddRange(targets));
    public ITargetDefinition Before(params Target[] targets) => With(() => BeforeTargets.AddRange(targets));
    public ITargetDefinition Triggers(params Target[] targets) => With(() => TriggersTargets.AddRange(targets));
    public ITargetDefinition TriggeredBy(params Target[] targets) => With(() => TriggeredByTargets.AddRange(targets));
    public ITargetDefinition ProceedAfterFailure() => With(() => Target.ProceedAfterFailure = true);
    public ITargetDefinition AssuredAfterFailure() => With(() => Target.AssuredAfterFailure = true);
    public ITargetDefinition Unlisted() => With(() => Target.Unlisted = true);

    public ITargetDefinition Executes(Action action) =>
        With(() => Target.Actions.Add(() => { action(); return Task.CompletedTask; }));

    public ITargetDefinition Executes(Func<Task> action) => With(() => Target.Actions.Add(action));

    public ITargetDefinition OnlyWhenStatic(Func<bool> condition, string expression = "") =>
        With(() => Target.StaticConditions.Add(new(condition, Quote(expression))));

    public ITargetDefinition OnlyWhenDynamic(Func<bool> condition, string expression = "") =>
        With(() => Target.DynamicConditions.Add(new(condition, Quote(expression))));

    public ITargetDefinition Requires(Func<object?> value, string expression = "") =>
        With(() => Target.Requirements.Add(new(value, Quote(expression))));

    /// <summary>The lambda's body is what people read: <c>() => HasToken</c> becomes <c>HasToken</c>.</summary>
    private static string Quote(string expression) =>
        expression.StartsWith("() =>", StringComparison.Ordinal) ? expression[5..].Trim() : expression.Trim();

    private TargetDefinition With(Action record)
    {
        record();
        return this;
    }
}
