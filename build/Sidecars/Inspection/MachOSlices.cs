using System.Buffers.Binary;

namespace Prism.Pipeline.Sidecars.Inspection;

/// <summary>
/// Reads each slice of a Mach-O file (one for a thin binary, one per architecture for a fat one) from its load
/// commands: whether it carries a code signature (<c>LC_CODE_SIGNATURE</c>; macOS kills an unsigned arm64 binary at
/// launch), the macOS it asks for (<c>LC_BUILD_VERSION</c> or the older <c>LC_VERSION_MIN_MACOSX</c>) and where its
/// content lies. ELFSharp reads the headers but none of these commands, so they are walked here: a flat list of
/// cmd/cmdsize pairs after the header.
/// </summary>
internal static class MachOSlices
{
    private const uint SegmentCommand = 0x01, Segment64Command = 0x19, CodeSignatureCommand = 0x1D;
    private const uint VersionMinMacOSCommand = 0x24, BuildVersionCommand = 0x32, MacOSPlatform = 1;
    private const uint Thin64 = 0xFEEDFACF, Thin32 = 0xFEEDFACE, Fat32 = 0xCAFEBABE, Fat64 = 0xCAFEBABF;

    /// <summary>Every slice of the file, in the order the fat header lists them.</summary>
    /// <exception cref="InvalidDataException">The file is not a well-formed Mach-O.</exception>
    public static IReadOnlyList<MachOSlice> Read(Stream stream)
    {
        var magic = BinaryPrimitives.ReadUInt32BigEndian(ReadAt(stream, 0, 8));
        return magic is Fat32 or Fat64
            ? [.. SliceRanges(stream, magic == Fat64).Select(range => ReadThin(stream, range.Offset, range.Size))]
            : [ReadThin(stream, 0, stream.Length)];
    }

    /// <summary>Where each slice of a fat file starts and how long it is (the fat header is big-endian; fat64 has 64-bit fields).</summary>
    private static IEnumerable<(long Offset, long Size)> SliceRanges(Stream stream, bool is64)
    {
        var count = BinaryPrimitives.ReadUInt32BigEndian(ReadAt(stream, 4, 4));
        var entrySize = is64 ? 32 : 20;
        var entries = ReadAt(stream, 8, checked((int)count * entrySize));
        for (var index = 0; index < count; index++)
        {
            var entry = entries.AsSpan(index * entrySize);
            yield return is64
                ? (checked((long)BinaryPrimitives.ReadUInt64BigEndian(entry[8..])), checked((long)BinaryPrimitives.ReadUInt64BigEndian(entry[16..])))
                : (BinaryPrimitives.ReadUInt32BigEndian(entry[8..]), BinaryPrimitives.ReadUInt32BigEndian(entry[12..]));
        }
    }

    /// <summary>The thin (little-endian) Mach-O of <paramref name="size"/> bytes at <paramref name="offset"/>.</summary>
    private static MachOSlice ReadThin(Stream stream, long offset, long size)
    {
        var header = ReadAt(stream, offset, 28);
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(header);
        if (magic is not (Thin64 or Thin32))
        {
            throw new InvalidDataException($"no little-endian Mach-O header at offset {offset}");
        }

        var cpuType = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4));
        var commandCount = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(16));
        var commandsSize = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(20));
        var commands = ReadAt(stream, offset + (magic == Thin64 ? 32 : 28), checked((int)commandsSize));
        var slice = new MachOSlice(cpuType, offset, size, CodeSignatureOffset: null, MinimumMacOS: null, MinimumMacOSCommand: null, FirstSectionOffset: null);
        var position = 0;
        for (var index = 0; index < commandCount; index++)
        {
            if (position + 8 > commands.Length)
            {
                throw new InvalidDataException($"load command {index} of the slice at offset {offset} runs past its header");
            }

            var command = BinaryPrimitives.ReadUInt32LittleEndian(commands.AsSpan(position));
            var commandSize = BinaryPrimitives.ReadUInt32LittleEndian(commands.AsSpan(position + 4));
            if (commandSize < 8 || position + commandSize > commands.Length)
            {
                throw new InvalidDataException($"load command {index} of the slice at offset {offset} has size {commandSize}");
            }

            slice = Apply(slice, command, commands.AsSpan(position, (int)commandSize));
            position += (int)commandSize;
        }

        return slice;
    }

    /// <summary>What one load command tells about the slice.</summary>
    private static MachOSlice Apply(MachOSlice slice, uint command, ReadOnlySpan<byte> body) => command switch
    {
        CodeSignatureCommand when body.Length >= 16 => slice with { CodeSignatureOffset = BinaryPrimitives.ReadUInt32LittleEndian(body[8..]) },
        BuildVersionCommand when body.Length >= 16 && BinaryPrimitives.ReadUInt32LittleEndian(body[8..]) == MacOSPlatform =>
            slice with { MinimumMacOS = DecodeVersion(BinaryPrimitives.ReadUInt32LittleEndian(body[12..])), MinimumMacOSCommand = "LC_BUILD_VERSION" },
        // LC_BUILD_VERSION wins where a (malformed) binary has both: it is what current macOS reads first.
        VersionMinMacOSCommand when body.Length >= 16 && slice.MinimumMacOSCommand != "LC_BUILD_VERSION" =>
            slice with { MinimumMacOS = DecodeVersion(BinaryPrimitives.ReadUInt32LittleEndian(body[8..])), MinimumMacOSCommand = "LC_VERSION_MIN_MACOSX" },
        Segment64Command => slice with { FirstSectionOffset = Earliest(slice.FirstSectionOffset, SectionOffsets(body, segmentSize: 72, sectionSize: 80, offsetField: 48)) },
        SegmentCommand => slice with { FirstSectionOffset = Earliest(slice.FirstSectionOffset, SectionOffsets(body, segmentSize: 56, sectionSize: 68, offsetField: 40)) },
        _ => slice,
    };

    /// <summary>The file offsets of a segment's sections that occupy bytes in the file (zero-fill sections have offset 0).</summary>
    private static List<long> SectionOffsets(ReadOnlySpan<byte> segment, int segmentSize, int sectionSize, int offsetField)
    {
        var offsets = new List<long>();
        if (segment.Length < segmentSize)
        {
            return offsets;
        }

        var count = BinaryPrimitives.ReadUInt32LittleEndian(segment[(segmentSize - 8)..]);
        for (var index = 0; index < count && segmentSize + ((index + 1) * sectionSize) <= segment.Length; index++)
        {
            var offset = BinaryPrimitives.ReadUInt32LittleEndian(segment[(segmentSize + (index * sectionSize) + offsetField)..]);
            if (offset > 0)
            {
                offsets.Add(offset);
            }
        }

        return offsets;
    }

    private static long? Earliest(long? current, List<long> offsets) =>
        offsets.Count == 0 ? current : Math.Min(current ?? long.MaxValue, offsets.Min());

    /// <summary>Mach-O's packed version: major in the top 16 bits, then minor and patch in a byte each (<c>xxxx.yy.zz</c>).</summary>
    private static Version DecodeVersion(uint packed) => new((int)(packed >> 16), (int)((packed >> 8) & 0xFF), (int)(packed & 0xFF));

    private static byte[] ReadAt(Stream stream, long offset, int count)
    {
        var buffer = new byte[count];
        stream.Position = offset;
        stream.ReadExactly(buffer);
        return buffer;
    }
}

/// <summary>
/// One slice of a Mach-O file: its CPU type (a Mach-O <c>cputype</c>), where it lies in the file, where its code
/// signature starts (null: unsigned), the macOS it asks for and from which load command, and the file offset of its
/// first section (relative to the slice; null when it has none).
/// </summary>
internal sealed record MachOSlice(uint CpuType, long Offset, long Size, long? CodeSignatureOffset, Version? MinimumMacOS, string? MinimumMacOSCommand, long? FirstSectionOffset)
{
    public bool Signed => CodeSignatureOffset is not null;

    /// <summary>
    /// The part of the slice code signing leaves alone (relative to the slice): from its first section to its code
    /// signature, or to its end when unsigned — the code, the data, the link-edit tables and a .NET single file's bundle.
    /// Signing rewrites only what lies outside: the header and load commands (the signature's size, __LINKEDIT's length)
    /// and the signature itself.
    /// </summary>
    public (long Start, long End) UnsignedContent => (FirstSectionOffset ?? 0, CodeSignatureOffset ?? Size);
}
