namespace Prism.Pipeline.Engine.Output;

/// <summary>One row of the end-of-build table.</summary>
internal sealed record SummaryRow(string Target, TargetStatus Status, string? Reason, TimeSpan Duration, IReadOnlyList<KeyValuePair<string, string>> Notes);

/// <summary>What the build did, in the form the summary renderers need.</summary>
internal sealed record BuildSummary(IReadOnlyList<SummaryRow> Rows, TimeSpan Total, DateTimeOffset FinishedAt, bool Succeeded)
{
    /// <summary>Rows for the targets that did work or could have; collective targets only group others and are left out.</summary>
    public static BuildSummary From(IEnumerable<ExecutableTarget> plan, TimeSpan total, DateTimeOffset finishedAt, bool succeeded) =>
        new(plan.Where(target => !target.IsCollective)
                .Select(target => new SummaryRow(target.Name, target.Status, target.StatusReason, target.Duration, target.Notes))
                .ToList(),
            total, finishedAt, succeeded);
}
