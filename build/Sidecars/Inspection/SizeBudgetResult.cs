using System.Runtime.InteropServices;
using Prism.Pipeline.Sidecars.Publishing;

namespace Prism.Pipeline.Sidecars.Inspection;

/// <summary>A binary's size against its budget, for the summary.</summary>
public sealed record SizeBudgetResult(SidecarKind Kind, PublishMode Mode, Architecture Architecture, long SizeBytes, long BudgetBytes)
{
    public bool WithinBudget => SizeBytes <= BudgetBytes;

    public string Summary =>
        $"{Kind} ({Mode}, {Architecture}): {SizeBudget.InMegabytes(SizeBytes)} of {SizeBudget.InMegabytes(BudgetBytes)} budget — {(WithinBudget ? "ok" : "OVER BUDGET")}";
}
