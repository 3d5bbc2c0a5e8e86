using System.Formats.Tar;
using System.Text;
using LibObjectFile.Ar;

namespace Prism.Pipeline.Bundles;

/// <summary>
/// Reads a .deb: an ar archive (read with LibObjectFile) holding <c>control.tar.*</c> — whose <c>control</c> file
/// declares <c>Architecture</c> and <c>Depends</c> — and <c>data.tar.*</c>, the files to install (read with
/// System.Formats.Tar after <see cref="Decompression"/>). Tauri puts the app and its sidecars in <c>usr/bin</c>.
/// </summary>
internal static class DebPackage
{
    private const string BinFolder = "usr/bin";

    /// <summary>Debian's architecture names of the Linux triples Tauri bundles.</summary>
    private static readonly Dictionary<string, string> Triples = new(StringComparer.Ordinal)
    {
        ["amd64"] = "x86_64-unknown-linux-gnu",
        ["arm64"] = "aarch64-unknown-linux-gnu",
        ["armhf"] = "armv7-unknown-linux-gnueabihf",
    };

    /// <exception cref="InvalidDataException">The file is not a readable .deb.</exception>
    public static OpenedBundle Read(string path)
    {
        using var file = File.OpenRead(path);
        if (!ArArchiveFile.TryRead(file, ArArchiveKind.Common, out var archive, out var diagnostics))
        {
            throw new InvalidDataException($"not an ar archive, so not a .deb ({diagnostics})");
        }

        var members = archive.Files.OfType<ArBinaryFile>().Where(member => member.Stream is not null).ToDictionary(member => member.Name!.TrimEnd('/'), member => member.Stream!);
        var control = ParseControl(ReadTar(Member(members, "control.tar"), "control.tar").TheOnly(entry => entry.Path == "control", "no control file in control.tar"));
        var programs = ReadTar(Member(members, "data.tar"), "data.tar")
            .Where(entry => Path.GetDirectoryName(entry.Path)?.Replace('\\', '/') == BinFolder)
            .ToDictionary(entry => Path.GetFileName(entry.Path), entry => new BundledProgram(entry.Path, entry.Executable, entry.Bytes), StringComparer.Ordinal);
        var architecture = control.GetValueOrDefault("Architecture", "");
        return new OpenedBundle(path, "deb", BinFolder, Triples.GetValueOrDefault(architecture), programs, "deb",
            [.. control.GetValueOrDefault("Depends", "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)]);
    }

    /// <summary>The member <c>name.*</c> (its compression is in the suffix, and told apart by its bytes anyway).</summary>
    private static Stream Member(Dictionary<string, Stream> members, string name) =>
        members.FirstOrDefault(member => member.Key == name || member.Key.StartsWith(name + ".", StringComparison.Ordinal)).Value
        ?? throw new InvalidDataException($"no {name}.* member (it has {string.Join(", ", members.Keys)})");

    /// <summary>The regular files of a (compressed) tar member, with paths without their leading <c>./</c>.</summary>
    private static List<(string Path, bool Executable, byte[] Bytes)> ReadTar(Stream member, string name)
    {
        member.Position = 0;
        using var uncompressed = Decompression.Open(member);
        using var reader = new TarReader(uncompressed);
        var files = new List<(string, bool, byte[])>();
        try
        {
            while (reader.GetNextEntry() is { } entry)
            {
                if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && entry.DataStream is { } data)
                {
                    using var bytes = new MemoryStream();
                    data.CopyTo(bytes);
                    files.Add((entry.Name.StartsWith("./", StringComparison.Ordinal) ? entry.Name[2..] : entry.Name, (entry.Mode & UnixFileMode.UserExecute) != 0, bytes.ToArray()));
                }
            }
        }
        catch (FormatException error)
        {
            throw new InvalidDataException($"{name} is not a readable tar archive ({error.Message})", error);
        }

        return files;
    }

    /// <summary>The fields of a Debian control file; a line starting with a space continues the field above.</summary>
    private static Dictionary<string, string> ParseControl((string Path, bool Executable, byte[] Bytes) control)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? current = null;
        foreach (var line in Encoding.UTF8.GetString(control.Bytes).Split('\n'))
        {
            if (line.StartsWith(' ') || line.StartsWith('\t'))
            {
                if (current is not null)
                {
                    fields[current] += " " + line.Trim();
                }
            }
            else if (line.IndexOf(':') is var colon and > 0)
            {
                current = line[..colon].Trim();
                fields[current] = line[(colon + 1)..].Trim();
            }
        }

        return fields;
    }

    private static T TheOnly<T>(this IEnumerable<T> items, Func<T, bool> predicate, string problem) =>
        items.Where(predicate).Take(2).ToList() is [var single] ? single : throw new InvalidDataException(problem);
}
