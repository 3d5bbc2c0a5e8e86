using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using ELFSharp.ELF;
using ELFSharp.MachO;
using Prism.Platform;

using ElfMachine = ELFSharp.ELF.Machine;
using MachOMachine = ELFSharp.MachO.Machine;

namespace Prism.Pipeline.Sidecars.Inspection;

/// <summary>Reads a binary's header with ELFSharp (ELF, Mach-O, fat Mach-O) or System.Reflection.PortableExecutable (PE).</summary>
internal static class BinaryHeaderReader
{
    /// <summary>The header of the file, or null when it is none of the three formats or is truncated/corrupt.</summary>
    public static BinaryHeader? Read(string path, ReadOnlySpan<byte> start)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, start);
    }

    /// <summary>The header of a binary held in memory (a file inside a bundle), or null as for a file.</summary>
    public static BinaryHeader? Read(byte[] bytes) => Read(new MemoryStream(bytes, writable: false), bytes.AsSpan(0, Math.Min(bytes.Length, 64)));

    private static BinaryHeader? Read(Stream stream, ReadOnlySpan<byte> start)
    {
        try
        {
            return start switch
            {
                [0x7F, (byte)'E', (byte)'L', (byte)'F', ..] => ReadElf(stream),
                [0xCF or 0xCE, 0xFA, 0xED, 0xFE, ..] or [0xCA, 0xFE, 0xBA, 0xBE, ..] => ReadMachO(stream),
                [(byte)'M', (byte)'Z', ..] => ReadPe(stream),
                _ => null,
            };
        }
        catch (Exception error) when (error is IOException or InvalidDataException or BadImageFormatException or ArgumentException or InvalidOperationException or OverflowException)
        {
            // The libraries signal a truncated or corrupt header with these; the caller reports "not a valid binary".
            return null;
        }
    }

    private static BinaryHeader? ReadElf(Stream stream)
    {
        if (!ELFReader.TryLoad(stream, false, out var elf))
        {
            return null;
        }

        using (elf)
        {
            return new BinaryHeader(TargetOs.Linux, [ElfArchitecture(elf.Machine, elf.Class)], IsFat: false);
        }
    }

    private static BinaryHeader? ReadMachO(Stream stream)
    {
        var kind = MachOReader.TryLoad(stream, false, out var thin);
        stream.Position = 0;
        var header = kind == MachOResult.OK
            ? new BinaryHeader(TargetOs.MacOS, [MachOArchitecture(thin.Machine)], IsFat: false)
            : kind == MachOResult.FatMachO && MachOReader.TryLoadFat(stream, false, out var slices) == MachOResult.FatMachO
                ? new BinaryHeader(TargetOs.MacOS, [.. slices.Select(slice => MachOArchitecture(slice.Machine))], IsFat: true)
                : null;
        return header is null ? null : header with { UnsignedSlices = UnsignedSlices(stream) };
    }

    /// <summary>The architectures of the slices without a code signature.</summary>
    private static string[] UnsignedSlices(Stream stream) =>
        [.. MachOSlices.Read(stream).Where(slice => !slice.Signed).Select(slice => MachOArchitecture((MachOMachine)slice.CpuType))];

    private static BinaryHeader ReadPe(Stream stream)
    {
        stream.Position = 0;
        using var reader = new PEReader(stream, PEStreamOptions.LeaveOpen);
        return new BinaryHeader(TargetOs.Windows, [PeArchitecture(reader.PEHeaders.CoffHeader.Machine)], IsFat: false);
    }

    private static string ElfArchitecture(ElfMachine machine, Class elfClass) => (machine, elfClass) switch
    {
        (ElfMachine.AMD64, Class.Bit64) => nameof(Architecture.X64),
        (ElfMachine.AArch64, Class.Bit64) => nameof(Architecture.Arm64),
        (ElfMachine.ARM, Class.Bit32) => nameof(Architecture.Arm),
        (ElfMachine.Intel386, Class.Bit32) => nameof(Architecture.X86),
        _ => $"{machine} ({elfClass})",
    };

    /// <summary>The architecture name of a Mach-O CPU type, as the headers report it (X64, Arm64).</summary>
    public static string MachOArchitecture(MachOMachine machine) => machine switch
    {
        MachOMachine.X86_64 => nameof(Architecture.X64),
        MachOMachine.Arm64 => nameof(Architecture.Arm64),
        _ => machine.ToString(),
    };

    private static string PeArchitecture(System.Reflection.PortableExecutable.Machine machine) => machine switch
    {
        System.Reflection.PortableExecutable.Machine.Amd64 => nameof(Architecture.X64),
        System.Reflection.PortableExecutable.Machine.I386 => nameof(Architecture.X86),
        System.Reflection.PortableExecutable.Machine.Arm64 => nameof(Architecture.Arm64),
        _ => machine.ToString(),
    };
}
