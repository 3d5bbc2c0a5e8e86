using System.Buffers.Binary;
using Prism.Pipeline.Tools;

namespace Prism.Pipeline.Bundles;

/// <summary>
/// Reads an AppImage (type 2): an ELF runtime with a squashfs image appended right where the ELF ends — after its
/// section header table, as the AppImage runtime itself computes the offset. No served .NET library reads squashfs,
/// so <c>unsquashfs</c> (squashfs-tools) extracts <c>usr/bin</c> into a temporary folder. The triple is the runtime's:
/// an AppImage runs on the architecture of its own ELF.
/// </summary>
internal static class AppImage
{
    private const string BinFolder = "usr/bin";

    /// <summary>The install command when unsquashfs is missing, for messages.</summary>
    public const string UnsquashfsInstall = "sudo apt-get install squashfs-tools";

    /// <exception cref="InvalidDataException">The file is not an ELF-headed AppImage.</exception>
    public static async Task<OpenedBundle> ReadAsync(string path, string unsquashfs, ToolRunner tools)
    {
        var offset = SquashfsOffset(path);
        var extracted = Directory.CreateTempSubdirectory("prism-appimage-");
        try
        {
            await tools.RunAsync(unsquashfs, ["-no-progress", "-offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture), "-dest", extracted.FullName, path, BinFolder], extracted.FullName);
            var folder = Path.Combine(extracted.FullName, "usr", "bin");
            var programs = Directory.Exists(folder)
                ? Directory.EnumerateFiles(folder).ToDictionary(file => Path.GetFileName(file), file => new BundledProgram(
                    $"{BinFolder}/{Path.GetFileName(file)}", FileModes.IsExecutable(file), File.ReadAllBytes(file)), StringComparer.Ordinal)
                : [];
            var runtime = new BundledProgram("(runtime)", true, File.ReadAllBytes(path).AsSpan(0, (int)Math.Min(offset, 1 << 20)).ToArray());
            return new OpenedBundle(path, "AppImage", BinFolder, ProgramFolder.TripleOf([runtime]), programs, null, []);
        }
        finally
        {
            extracted.Delete(recursive: true);
        }
    }

    /// <summary>Where the ELF runtime ends: <c>e_shoff + e_shnum × e_shentsize</c> (32- or 64-bit, little-endian).</summary>
    private static long SquashfsOffset(string path)
    {
        var header = new byte[64];
        using (var file = File.OpenRead(path))
        {
            file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }

        if (header is not [0x7F, (byte)'E', (byte)'L', (byte)'F', var elfClass, 1, ..] || elfClass is not (1 or 2))
        {
            throw new InvalidDataException("not a little-endian ELF, so not an AppImage");
        }

        return elfClass == 2
            ? checked((long)BinaryPrimitives.ReadUInt64LittleEndian(header.AsSpan(0x28)) + (BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(0x3C)) * BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(0x3A))))
            : BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(0x20)) + (BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(0x30)) * BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(0x2E)));
    }
}
