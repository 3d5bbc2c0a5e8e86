using System.Buffers.Binary;
using System.Text;

namespace Prism.Pipeline.Bundles;

/// <summary>
/// Reads an .rpm as rpm.org documents the format (no served .NET library reads it): a 96-byte lead, the signature
/// header (padded to 8 bytes), the main header — index entries (tag, type, offset, count; big-endian) over a data
/// store, from which come <c>ARCH</c> (1022) and <c>REQUIRENAME</c> (1049) — then the payload, a compressed cpio
/// archive (<see cref="CpioArchive"/>) of the files to install. Tauri puts the app and its sidecars in <c>usr/bin</c>.
/// </summary>
internal static class RpmPackage
{
    private const string BinFolder = "usr/bin";
    private const int LeadSize = 96, ArchTag = 1022, RequireNameTag = 1049;
    private const int StringType = 6, StringArrayType = 8, I18NStringType = 9;
    private static readonly byte[] LeadMagic = [0xED, 0xAB, 0xEE, 0xDB], HeaderMagic = [0x8E, 0xAD, 0xE8, 0x01];

    /// <summary>RPM's architecture names of the Linux triples Tauri bundles.</summary>
    private static readonly Dictionary<string, string> Triples = new(StringComparer.Ordinal)
    {
        ["x86_64"] = "x86_64-unknown-linux-gnu",
        ["aarch64"] = "aarch64-unknown-linux-gnu",
        ["armv7hl"] = "armv7-unknown-linux-gnueabihf",
    };

    /// <exception cref="InvalidDataException">The file is not a readable .rpm.</exception>
    public static OpenedBundle Read(string path)
    {
        using var file = File.OpenRead(path);
        if (!ReadExactly(file, LeadSize).AsSpan().StartsWith(LeadMagic))
        {
            throw new InvalidDataException("no RPM lead (magic ED AB EE DB), so not an .rpm");
        }

        ReadHeader(file, "signature");
        file.Position = (file.Position + 7) / 8 * 8;
        var header = ReadHeader(file, "main");
        using var payload = Decompression.Open(file);
        var programs = CpioArchive.ReadFiles(payload)
            .Where(entry => Path.GetDirectoryName(entry.Path)?.Replace('\\', '/') == BinFolder)
            .ToDictionary(entry => Path.GetFileName(entry.Path), entry => new BundledProgram(entry.Path, entry.Executable, entry.Bytes), StringComparer.Ordinal);
        var architecture = header.GetValueOrDefault(ArchTag) is [var arch, ..] ? arch : "";
        return new OpenedBundle(path, "rpm", BinFolder, Triples.GetValueOrDefault(architecture), programs, "rpm", header.GetValueOrDefault(RequireNameTag, []));
    }

    /// <summary>One header structure: magic, 4 reserved bytes, entry count, data size, the entries, the data. Returns the
    /// string-valued tags (the only ones read here), leaving the stream after the header.</summary>
    private static Dictionary<int, IReadOnlyList<string>> ReadHeader(Stream file, string which)
    {
        var intro = ReadExactly(file, 16);
        if (!intro.AsSpan().StartsWith(HeaderMagic))
        {
            throw new InvalidDataException($"the {which} header has no header magic (8E AD E8 01)");
        }

        var count = BinaryPrimitives.ReadInt32BigEndian(intro.AsSpan(8));
        var size = BinaryPrimitives.ReadInt32BigEndian(intro.AsSpan(12));
        if (count is < 0 or > 100_000 || size is < 0 or > 256 * 1024 * 1024)
        {
            throw new InvalidDataException($"the {which} header claims {count} entries and {size} bytes");
        }

        var index = ReadExactly(file, count * 16);
        var store = ReadExactly(file, size);
        var values = new Dictionary<int, IReadOnlyList<string>>();
        for (var entry = 0; entry < count; entry++)
        {
            var fields = index.AsSpan(entry * 16);
            var (tag, type, offset, items) = (BinaryPrimitives.ReadInt32BigEndian(fields), BinaryPrimitives.ReadInt32BigEndian(fields[4..]),
                BinaryPrimitives.ReadInt32BigEndian(fields[8..]), BinaryPrimitives.ReadInt32BigEndian(fields[12..]));
            if (type is StringType or StringArrayType or I18NStringType)
            {
                values[tag] = Strings(store, offset, type == StringType ? 1 : items, which);
            }
        }

        return values;
    }

    /// <summary><paramref name="count"/> NUL-terminated strings one after another from <paramref name="offset"/>.</summary>
    private static List<string> Strings(byte[] store, int offset, int count, string which)
    {
        var strings = new List<string>();
        for (var position = offset; strings.Count < count; position++)
        {
            var end = position >= 0 && position < store.Length ? Array.IndexOf(store, (byte)0, position) : -1;
            if (end < 0)
            {
                throw new InvalidDataException($"a string of the {which} header runs past its data");
            }

            strings.Add(Encoding.UTF8.GetString(store, position, end - position));
            position = end;
        }

        return strings;
    }

    private static byte[] ReadExactly(Stream stream, int count)
    {
        var buffer = new byte[count];
        try
        {
            stream.ReadExactly(buffer);
        }
        catch (EndOfStreamException error)
        {
            throw new InvalidDataException("the file ends inside its headers (truncated?)", error);
        }

        return buffer;
    }
}
