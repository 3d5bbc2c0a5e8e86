namespace Prism.Pipeline.Engine;

/// <summary>A condition or requirement together with its source text, which is what people read.</summary>
internal sealed record QuotedExpression<T>(Func<T> Evaluate, string Text);

/// <summary>A resolved target: its definition, its edges to other targets and, once run, its outcome.</summary>
internal sealed class ExecutableTarget(string name, int declarationIndex)
{
    public string Name { get; } = name;

    /// <summary>Position among the build's targets; ties in the plan keep this order.</summary>
    public int DeclarationIndex { get; } = declarationIndex;

    public string? Description { get; set; }
    public bool Unlisted { get; set; }
    public bool ProceedAfterFailure { get; set; }
    public bool AssuredAfterFailure { get; set; }
    public List<Func<Task>> Actions { get; } = [];
    public List<ExecutableTarget> ExecutionDependencies { get; } = [];
    public List<ExecutableTarget> OrderDependencies { get; } = [];
    public List<ExecutableTarget> Triggers { get; } = [];
    public List<QuotedExpression<bool>> StaticConditions { get; } = [];
    public List<QuotedExpression<bool>> DynamicConditions { get; } = [];
    public List<QuotedExpression<object?>> Requirements { get; } = [];

    /// <summary>A target without actions only groups others; the summary leaves it out.</summary>
    public bool IsCollective => Actions.Count == 0;

    public TargetStatus Status { get; set; } = TargetStatus.NotRun;
    public string? StatusReason { get; set; }
    public TimeSpan Duration { get; set; }
    public List<KeyValuePair<string, string>> Notes { get; } = [];

    /// <summary>Every target this one must run after when both are planned.</summary>
    public IEnumerable<ExecutableTarget> Predecessors => ExecutionDependencies.Concat(OrderDependencies);

    public override string ToString() => Name;
}
