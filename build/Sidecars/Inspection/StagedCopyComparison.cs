using Prism.Pipeline.Tools;
using MachOMachine = ELFSharp.MachO.Machine;

namespace Prism.Pipeline.Sidecars.Inspection;

/// <summary>
/// Whether a bundled sidecar is the one that was staged. ELF and PE files are copied untouched into Linux and Windows
/// bundles, so their whole bytes must match. Tauri signs every macOS sidecar, which rewrites the Mach-O header, its
/// load commands and the signature, so for Mach-O each slice is compared on what signing leaves alone
/// (<see cref="MachOSlice.UnsignedContent"/>: from the first section to the staged file's signature or end — the
/// code, data, link-edit tables and a .NET single file's bundle); the bundled slice must hold those same bytes at the
/// same offsets before its own signature.
/// </summary>
internal static class StagedCopyComparison
{
    /// <summary>What <see cref="Compare"/> compared, for messages.</summary>
    public const string MachOCovers = "each slice's bytes from its first section to its code signature, which signing leaves unchanged";

    /// <summary>Compares the staged bytes with the bundled ones.</summary>
    public static CopyComparison Compare(byte[] staged, byte[] bundled)
    {
        var stagedSlices = TryReadMachO(staged);
        if (stagedSlices is null)
        {
            return new("the whole file", [new("", ContentHash.Sha256(staged), ContentHash.Sha256(bundled))]);
        }

        var bundledSlices = TryReadMachO(bundled) ?? [];
        return new(MachOCovers, [.. stagedSlices.Select(slice => CompareSlice(staged, slice, bundled, bundledSlices.FirstOrDefault(other => other.CpuType == slice.CpuType)))]);
    }

    private static PartComparison CompareSlice(byte[] staged, MachOSlice slice, byte[] bundled, MachOSlice? bundledSlice)
    {
        var part = BinaryHeaderReader.MachOArchitecture((MachOMachine)slice.CpuType);
        var (start, end) = slice.UnsignedContent;
        var stagedSha = ContentHash.Sha256(staged.AsSpan(checked((int)(slice.Offset + start)), checked((int)(end - start))));
        if (bundledSlice is null)
        {
            return new(part, stagedSha, "(no such slice)");
        }

        var (bundledStart, bundledEnd) = bundledSlice.UnsignedContent;
        var fits = bundledStart == start && bundledEnd >= end && bundledSlice.Offset + end <= bundled.Length;
        return new(part, stagedSha, fits
            ? ContentHash.Sha256(bundled.AsSpan(checked((int)(bundledSlice.Offset + start)), checked((int)(end - start))))
            : $"(a different layout: content at {bundledStart}..{bundledEnd}, staged {start}..{end})");
    }

    private static IReadOnlyList<MachOSlice>? TryReadMachO(byte[] bytes)
    {
        if (bytes is not ([0xCF or 0xCE, 0xFA, 0xED, 0xFE, ..] or [0xCA, 0xFE, 0xBA, 0xBE, ..]))
        {
            return null;
        }

        try
        {
            return MachOSlices.Read(new MemoryStream(bytes, writable: false));
        }
        catch (Exception error) when (error is InvalidDataException or EndOfStreamException or OverflowException)
        {
            return null;
        }
    }
}

/// <summary>The outcome of comparing a bundled sidecar with the staged one: what was compared, and each part's digests.</summary>
internal sealed record CopyComparison(string Covers, IReadOnlyList<PartComparison> Parts)
{
    public bool Same => Parts.All(part => part.StagedSha256 == part.BundledSha256);
}

/// <summary>One compared part: a Mach-O slice's architecture, or "" for the whole file; the two SHA-256s (or why none).</summary>
internal sealed record PartComparison(string Part, string StagedSha256, string BundledSha256);
