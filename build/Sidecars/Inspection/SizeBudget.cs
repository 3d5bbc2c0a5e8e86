using System.Runtime.InteropServices;
using Prism.Pipeline.Sidecars.Publishing;

namespace Prism.Pipeline.Sidecars.Inspection;

/// <summary>
/// The size budgets (issues 4 and 11): daemon Native AOT ≤ 9 MiB, on arm64 ≤ 10 MiB (its machine code is ~13 % larger),
/// single file ≤ 30 MiB; host Native AOT ≤ 12 MiB, single file ≤ 40 MiB, on every architecture.
/// </summary>
public static class SizeBudget
{
    /// <summary>A megabyte here is 2^20 bytes (MiB), the unit `ls -lh` and file managers show.</summary>
    public const long Megabyte = 1024 * 1024;

    /// <summary>The budget in bytes for a kind of sidecar published in a mode for an architecture.</summary>
    public static long BudgetBytes(SidecarKind kind, PublishMode mode, Architecture architecture) => (kind, mode) switch
    {
        (SidecarKind.Daemon, PublishMode.NativeAot) => (architecture == Architecture.Arm64 ? 10 : 9) * Megabyte,
        (SidecarKind.Daemon, PublishMode.SingleFile) => 30 * Megabyte,
        (SidecarKind.Host, PublishMode.NativeAot) => 12 * Megabyte,
        (SidecarKind.Host, PublishMode.SingleFile) => 40 * Megabyte,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), $"no budget for {kind} published as {mode}"),
    };

    /// <summary>Compares a size with its budget.</summary>
    public static SizeBudgetResult Check(SidecarKind kind, PublishMode mode, Architecture architecture, long sizeBytes) =>
        new(kind, mode, architecture, sizeBytes, BudgetBytes(kind, mode, architecture));

    /// <summary>Bytes as MiB with one decimal, e.g. "8.4 MiB".</summary>
    public static string InMegabytes(long bytes) => $"{bytes / (double)Megabyte:0.0} MiB";
}
