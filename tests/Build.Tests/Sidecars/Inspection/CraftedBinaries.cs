using System.Buffers.Binary;

namespace Prism.Pipeline.Tests.Sidecars.Inspection;

/// <summary>Minimal but valid headers of each executable format, written into a test folder with mode 0755.</summary>
internal static class CraftedBinaries
{
    public const ushort ElfX64 = 62, ElfArm64 = 183, ElfArm = 40, Elf386 = 3;
    public const uint MachOX64 = 0x01000007, MachOArm64 = 0x0100000C;
    public const ushort PeAmd64 = 0x8664, PeI386 = 0x014C, PeArm64 = 0xAA64;

    /// <summary>An ELF header with no sections: 64-bit or 32-bit, little-endian, for <paramref name="machine"/>.</summary>
    public static byte[] Elf(ushort machine, bool is64)
    {
        var header = new byte[is64 ? 64 : 52];
        "\u007FELF"u8.CopyTo(header);
        header[4] = (byte)(is64 ? 2 : 1);
        header[5] = 1;
        header[6] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(16), 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(18), machine);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(20), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(is64 ? 52 : 40), (ushort)header.Length);
        return header;
    }

    /// <summary>
    /// A 64-bit thin Mach-O executable header with a UUID load command and, when <paramref name="signed"/> (as the SDK
    /// publishes osx-arm64, ad-hoc signed), an <c>LC_CODE_SIGNATURE</c> after it.
    /// </summary>
    public static byte[] MachO(uint cpuType, bool signed = true)
    {
        const int Uuid = 24, CodeSignature = 16;
        var commandsSize = Uuid + (signed ? CodeSignature : 0);
        var header = new byte[32 + commandsSize];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0xFEEDFACF);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), cpuType);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(12), 2);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), signed ? 2u : 1u);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(20), (uint)commandsSize);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(32), 0x1B);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(36), Uuid);
        if (signed)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(32 + Uuid), 0x1D);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(36 + Uuid), CodeSignature);
        }

        return header;
    }

    /// <summary>A fat (universal) Mach-O holding one signed thin slice per CPU type, each at a 4 KiB boundary.</summary>
    public static byte[] Fat(params uint[] cpuTypes) => Fat([.. cpuTypes.Select(cpuType => (cpuType, true))]);

    /// <summary>A fat (universal) Mach-O holding one thin slice per entry, signed or not, each at a 4 KiB boundary.</summary>
    public static byte[] Fat(params (uint CpuType, bool Signed)[] slices)
    {
        var file = new byte[4096 * (slices.Length + 1)];
        BinaryPrimitives.WriteUInt32BigEndian(file, 0xCAFEBABE);
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(4), (uint)slices.Length);
        for (var index = 0; index < slices.Length; index++)
        {
            var entry = file.AsSpan(8 + (20 * index));
            var offset = 4096 * (index + 1);
            var slice = MachO(slices[index].CpuType, slices[index].Signed);
            BinaryPrimitives.WriteUInt32BigEndian(entry, slices[index].CpuType);
            BinaryPrimitives.WriteUInt32BigEndian(entry[8..], (uint)offset);
            BinaryPrimitives.WriteUInt32BigEndian(entry[12..], (uint)slice.Length);
            BinaryPrimitives.WriteUInt32BigEndian(entry[16..], 12);
            slice.CopyTo(file, offset);
        }

        return file;
    }

    /// <summary>A PE image: DOS stub, COFF header for <paramref name="machine"/>, empty PE32+ optional header, no sections.</summary>
    public static byte[] Pe(ushort machine)
    {
        const int OptionalHeaderSize = 240;
        var file = new byte[0x58 + OptionalHeaderSize];
        "MZ"u8.CopyTo(file);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(0x3C), 0x40);
        "PE\0\0"u8.CopyTo(file.AsSpan(0x40));
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(0x44), machine);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(0x54), OptionalHeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(0x56), 0x0022);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(0x58), 0x20B);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(0x58 + 108), 16);
        return file;
    }

    /// <summary>Writes the bytes as an executable (0755) file and returns its path.</summary>
    public static string WriteExecutable(TemporaryFolder folder, string name, byte[] bytes)
    {
        var path = folder.WriteBytes(name, bytes);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        }

        return path;
    }
}
