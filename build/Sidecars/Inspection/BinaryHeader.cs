using Prism.Platform;

namespace Prism.Pipeline.Sidecars.Inspection;

/// <summary>What a binary's header says it runs on: the OS family its format belongs to (PE, ELF, Mach-O), its
/// architectures (one, or several for a fat Mach-O), whether it is a fat (universal) binary, and — for Mach-O — the
/// architectures of the slices without a code signature.</summary>
internal sealed record BinaryHeader(TargetOs Os, IReadOnlyList<string> Architectures, bool IsFat)
{
    /// <summary>The architectures of Mach-O slices that carry no <c>LC_CODE_SIGNATURE</c> (always empty for PE and ELF).</summary>
    public IReadOnlyList<string> UnsignedSlices { get; init; } = [];

    /// <summary>The header a binary for <paramref name="triple"/> must have.</summary>
    public static BinaryHeader ExpectedFor(string triple) =>
        TargetTable.IsUniversalAppleDarwin(triple)
            ? new BinaryHeader(TargetOs.MacOS, [.. TargetTable.UniversalAppleDarwinRids.Select(rid => TargetTable.ForRid(rid).Architecture.ToString())], IsFat: true)
            : new BinaryHeader(TargetTable.ForTriple(triple).Os, [TargetTable.ForTriple(triple).Architecture.ToString()], IsFat: false);

    /// <summary>Whether this (actual) header satisfies <paramref name="expected"/>: same format, every expected architecture present.</summary>
    public bool Satisfies(BinaryHeader expected) =>
        Os == expected.Os && expected.Architectures.All(Architectures.Contains) && (IsFat || !expected.IsFat);

    /// <summary>For messages, e.g. "ELF X64" or "universal Mach-O X64+Arm64".</summary>
    public override string ToString()
    {
        var format = Os switch { TargetOs.Windows => "PE", TargetOs.Linux => "ELF", _ => "Mach-O" };
        return $"{(IsFat ? "universal " : "")}{format} {string.Join("+", Architectures)}";
    }
}
