namespace Prism.Pipeline.Sidecars;

/// <summary>Which sidecar a binary is; the size budgets differ.</summary>
public enum SidecarKind
{
    Daemon,
    Host,
}

/// <summary>How a sidecar was published.</summary>
public enum PublishMode
{
    NativeAot,
    SingleFile,
}

/// <summary>A binary's size against its budget, for the summary.</summary>
public sealed record SizeBudgetResult(SidecarKind Kind, PublishMode Mode, long SizeBytes, long BudgetBytes)
{
    public bool WithinBudget => SizeBytes <= BudgetBytes;

    public string Summary =>
        $"{Kind} ({Mode}): {SizeBudget.InMegabytes(SizeBytes)} of {SizeBudget.InMegabytes(BudgetBytes)} budget — {(WithinBudget ? "ok" : "OVER BUDGET")}";
}

/// <summary>The size budgets of issue 4: daemon AOT ≤ 9 MB, single-file ≤ 30 MB; host AOT ≤ 12 MB, single-file ≤ 40 MB.</summary>
public static class SizeBudget
{
    /// <summary>A megabyte here is 2^20 bytes (MiB), the unit `ls -lh` and file managers show.</summary>
    public const long Megabyte = 1024 * 1024;

    /// <summary>The budget in bytes for a kind of sidecar published in a mode.</summary>
    public static long BudgetBytes(SidecarKind kind, PublishMode mode) => (kind, mode) switch
    {
        (SidecarKind.Daemon, PublishMode.NativeAot) => 9 * Megabyte,
        (SidecarKind.Daemon, PublishMode.SingleFile) => 30 * Megabyte,
        (SidecarKind.Host, PublishMode.NativeAot) => 12 * Megabyte,
        (SidecarKind.Host, PublishMode.SingleFile) => 40 * Megabyte,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), $"no budget for {kind} published as {mode}"),
    };

    /// <summary>Compares a size with its budget.</summary>
    public static SizeBudgetResult Check(SidecarKind kind, PublishMode mode, long sizeBytes) =>
        new(kind, mode, sizeBytes, BudgetBytes(kind, mode));

    /// <summary>Bytes as MiB with one decimal, e.g. "8.4 MiB".</summary>
    public static string InMegabytes(long bytes) => $"{bytes / (double)Megabyte:0.0} MiB";
}
