using System.Reflection.PortableExecutable;
using System.Text;

namespace Prism.Pipeline.Sidecars.Inspection;

/// <summary>What a Windows PE asks of the system: its subsystem (console or GUI) and the DLLs it imports, directly or
/// delay-loaded; read with System.Reflection.PortableExecutable from the import and delay-import directories.</summary>
internal sealed record PeImports(Subsystem Subsystem, IReadOnlyList<string> Dlls)
{
    private const int ImportDescriptorSize = 20, DelayImportDescriptorSize = 32;

    /// <exception cref="BadImageFormatException">The file is not a well-formed PE.</exception>
    public static PeImports Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new PEReader(stream);
        var header = reader.PEHeaders.PEHeader ?? throw new BadImageFormatException($"{path} has no optional header");
        // IMAGE_IMPORT_DESCRIPTOR: the name's RVA at +12; IMAGE_DELAYLOAD_DESCRIPTOR: at +4. Both lists end with a zeroed entry.
        IReadOnlyList<string> dlls =
        [
            .. Names(reader, header.ImportTableDirectory, ImportDescriptorSize, nameField: 12),
            .. Names(reader, header.DelayImportTableDirectory, DelayImportDescriptorSize, nameField: 4),
        ];
        return new PeImports(header.Subsystem, [.. dlls.Distinct(StringComparer.OrdinalIgnoreCase)]);
    }

    private static IEnumerable<string> Names(PEReader reader, DirectoryEntry directory, int descriptorSize, int nameField)
    {
        if (directory.RelativeVirtualAddress == 0)
        {
            yield break;
        }

        var table = reader.GetSectionData(directory.RelativeVirtualAddress).GetReader();
        while (table.RemainingBytes >= descriptorSize)
        {
            var descriptor = table.ReadBytes(descriptorSize);
            if (descriptor.All(value => value == 0))
            {
                yield break;
            }

            yield return NameAt(reader, BitConverter.ToInt32(descriptor, nameField));
        }
    }

    /// <summary>The NUL-terminated ASCII name at an RVA.</summary>
    private static string NameAt(PEReader reader, int rva)
    {
        var block = reader.GetSectionData(rva).GetReader();
        var name = new StringBuilder();
        for (byte character; block.RemainingBytes > 0 && (character = block.ReadByte()) != 0;)
        {
            name.Append((char)character);
        }

        return name.Length > 0 ? name.ToString() : throw new BadImageFormatException($"an import names no DLL (RVA {rva:X})");
    }
}
