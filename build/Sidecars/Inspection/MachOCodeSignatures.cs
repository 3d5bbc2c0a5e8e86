using System.Buffers.Binary;

namespace Prism.Pipeline.Sidecars.Inspection;

/// <summary>
/// Which slices of a Mach-O file carry a code signature (an <c>LC_CODE_SIGNATURE</c> load command). macOS kills an
/// arm64 binary without one at launch, so each slice of a universal binary is read on its own. ELFSharp reads the
/// headers but not this load command, so the load commands are walked here (they are a flat list of cmd/cmdsize pairs).
/// </summary>
internal static class MachOCodeSignatures
{
    private const uint CodeSignatureCommand = 0x1D;
    private const uint Thin64 = 0xFEEDFACF, Thin32 = 0xFEEDFACE, Fat32 = 0xCAFEBABE, Fat64 = 0xCAFEBABF;

    /// <summary>Each slice's CPU type (a Mach-O <c>cputype</c>) and whether it is signed; one entry for a thin binary.</summary>
    /// <exception cref="InvalidDataException">The file is not a well-formed Mach-O.</exception>
    public static IReadOnlyList<(uint CpuType, bool Signed)> Read(Stream stream)
    {
        var magic = BinaryPrimitives.ReadUInt32BigEndian(ReadAt(stream, 0, 8));
        return magic is Fat32 or Fat64
            ? [.. SliceOffsets(stream, magic == Fat64).Select(offset => ReadThin(stream, offset))]
            : [ReadThin(stream, 0)];
    }

    /// <summary>Where each slice of a fat file starts (the fat header is big-endian; fat64 has 64-bit offsets).</summary>
    private static IEnumerable<long> SliceOffsets(Stream stream, bool is64)
    {
        var count = BinaryPrimitives.ReadUInt32BigEndian(ReadAt(stream, 4, 4));
        var entrySize = is64 ? 32 : 20;
        var entries = ReadAt(stream, 8, checked((int)count * entrySize));
        for (var index = 0; index < count; index++)
        {
            var entry = entries.AsSpan(index * entrySize);
            yield return is64 ? checked((long)BinaryPrimitives.ReadUInt64BigEndian(entry[8..])) : BinaryPrimitives.ReadUInt32BigEndian(entry[8..]);
        }
    }

    /// <summary>A thin (little-endian) Mach-O at <paramref name="offset"/>: its CPU type and whether a load command signs it.</summary>
    private static (uint CpuType, bool Signed) ReadThin(Stream stream, long offset)
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
        var position = 0;
        for (var index = 0; index < commandCount; index++)
        {
            if (position + 8 > commands.Length)
            {
                throw new InvalidDataException($"load command {index} of the slice at offset {offset} runs past its header");
            }

            var command = BinaryPrimitives.ReadUInt32LittleEndian(commands.AsSpan(position));
            var size = BinaryPrimitives.ReadUInt32LittleEndian(commands.AsSpan(position + 4));
            if (command == CodeSignatureCommand)
            {
                return (cpuType, true);
            }

            position = size >= 8 ? checked(position + (int)size) : throw new InvalidDataException($"load command {index} has size {size}");
        }

        return (cpuType, false);
    }

    private static byte[] ReadAt(Stream stream, long offset, int count)
    {
        var buffer = new byte[count];
        stream.Position = offset;
        stream.ReadExactly(buffer);
        return buffer;
    }
}
