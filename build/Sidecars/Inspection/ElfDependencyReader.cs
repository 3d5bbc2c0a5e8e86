using System.Buffers.Binary;
using ELFSharp;
using ELFSharp.ELF;
using ELFSharp.ELF.Sections;

namespace Prism.Pipeline.Sidecars.Inspection;

/// <summary>
/// Reads <see cref="ElfDependencies"/> with ELFSharp: the dynamic section's <c>DT_NEEDED</c> entries, and the GNU
/// version sections ELFSharp hands over as raw bytes (<c>.gnu.version_r</c>: <c>Elf_Verneed</c>/<c>Elf_Vernaux</c>
/// records; <c>.gnu.version</c>: one 16-bit version index per dynamic symbol), whose layouts are the same for 32- and
/// 64-bit files. Names are offsets into the string table the dynamic section's <c>DT_STRTAB</c> points at.
/// </summary>
internal static class ElfDependencyReader
{
    private const SectionType VersionNeeds = (SectionType)0x6FFFFFFE, VersionSymbols = (SectionType)0x6FFFFFFF;

    /// <exception cref="InvalidDataException">The file is not an ELF, or its dynamic sections are malformed.</exception>
    public static ElfDependencies Read(string path)
    {
        if (!ELFReader.TryLoad(path, out var elf))
        {
            throw new InvalidDataException($"{path} is not an ELF file");
        }

        using (elf)
        {
            var dynamic = elf.GetSections<IDynamicSection>().FirstOrDefault();
            if (dynamic is null)
            {
                return ElfDependencies.None;
            }

            var strings = DynamicStrings(elf, dynamic);
            var needed = dynamic.Entries.Where(entry => entry.Tag == DynamicTag.Needed).Select(entry => strings[(long)ValueOf(entry)]).ToList();
            var littleEndian = elf.Endianess == Endianess.LittleEndian;
            var needs = elf.Sections.FirstOrDefault(section => section.Type == VersionNeeds) is { } needSection
                ? ReadVersionNeeds(needSection.GetContents(), littleEndian, strings)
                : [];
            var symbolsByIndex = SymbolsByVersionIndex(elf, littleEndian);
            return new ElfDependencies(needed,
                [.. needs.Select(need => new RequiredSymbolVersion(need.Library, need.Name, symbolsByIndex.GetValueOrDefault(need.Index, [])))]);
        }
    }

    /// <summary>The string table whose address the dynamic section names (<c>DT_STRTAB</c>): <c>.dynstr</c>.</summary>
    private static IStringTable DynamicStrings(IELF elf, IDynamicSection dynamic)
    {
        var address = dynamic.Entries.Where(entry => entry.Tag == DynamicTag.StrTab).Select(ValueOf).FirstOrDefault();
        return elf.Sections.OfType<IStringTable>().FirstOrDefault(table => LoadAddressOf((ISection)table) == address)
            ?? throw new InvalidDataException("the dynamic section names no string table (DT_STRTAB)");
    }

    /// <summary>Walks the <c>Elf_Verneed</c> chain (16 bytes: version, count, file, aux, next) and each one's
    /// <c>Elf_Vernaux</c> chain (16 bytes: hash, flags, other = the version index symbols use, name, next).</summary>
    private static List<(string Library, string Name, ushort Index)> ReadVersionNeeds(byte[] contents, bool littleEndian, IStringTable strings)
    {
        var needs = new List<(string, string, ushort)>();
        var budget = contents.Length / 16; // every record takes 16 bytes: a longer walk is a loop in a corrupt file
        for (long need = 0; budget-- > 0;)
        {
            var library = strings[UInt32(contents, need + 4, littleEndian)];
            var count = UInt16(contents, need + 2, littleEndian);
            var aux = need + UInt32(contents, need + 8, littleEndian);
            for (var index = 0; index < count && budget-- > 0; index++)
            {
                needs.Add((library, strings[UInt32(contents, aux + 8, littleEndian)], UInt16(contents, aux + 6, littleEndian)));
                aux += UInt32(contents, aux + 12, littleEndian);
            }

            var next = UInt32(contents, need + 12, littleEndian);
            if (next == 0)
            {
                return needs;
            }

            need += next;
        }

        throw new InvalidDataException(".gnu.version_r does not end: its records point in a loop");
    }

    /// <summary>The undefined dynamic symbols per version index (<c>.gnu.version</c> runs parallel to <c>.dynsym</c>; bit 15 marks a hidden version).</summary>
    private static Dictionary<ushort, IReadOnlyList<string>> SymbolsByVersionIndex(IELF elf, bool littleEndian)
    {
        var versions = elf.Sections.FirstOrDefault(section => section.Type == VersionSymbols)?.GetContents();
        var symbols = elf.Sections.FirstOrDefault(section => section.Type == SectionType.DynamicSymbolTable) as ISymbolTable;
        if (versions is null || symbols is null)
        {
            return [];
        }

        return symbols.Entries
            .Select((symbol, index) => (symbol, index))
            .Where(pair => pair.symbol.PointedSectionIndex == 0 && pair.symbol.Name.Length > 0 && (pair.index * 2) + 2 <= versions.Length)
            .GroupBy(pair => (ushort)(UInt16(versions, pair.index * 2, littleEndian) & 0x7FFF), pair => pair.symbol.Name)
            .ToDictionary(group => group.Key, group => (IReadOnlyList<string>)[.. group.Order(StringComparer.Ordinal)]);
    }

    private static ulong ValueOf(IDynamicEntry entry) => entry switch
    {
        DynamicEntry<ulong> wide => wide.Value,
        DynamicEntry<uint> narrow => narrow.Value,
        _ => throw new InvalidDataException($"unexpected dynamic entry {entry.GetType().Name}"),
    };

    private static ulong LoadAddressOf(ISection section) => section switch
    {
        Section<ulong> wide => wide.LoadAddress,
        Section<uint> narrow => narrow.LoadAddress,
        _ => ulong.MaxValue,
    };

    private static ushort UInt16(byte[] bytes, long offset, bool littleEndian)
    {
        var span = Slice(bytes, offset, 2);
        return littleEndian ? BinaryPrimitives.ReadUInt16LittleEndian(span) : BinaryPrimitives.ReadUInt16BigEndian(span);
    }

    private static uint UInt32(byte[] bytes, long offset, bool littleEndian)
    {
        var span = Slice(bytes, offset, 4);
        return littleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(span) : BinaryPrimitives.ReadUInt32BigEndian(span);
    }

    private static ReadOnlySpan<byte> Slice(byte[] bytes, long offset, int length) =>
        offset >= 0 && offset + length <= bytes.Length
            ? bytes.AsSpan((int)offset, length)
            : throw new InvalidDataException($"a version record points outside its section (offset {offset})");
}
