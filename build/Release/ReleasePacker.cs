using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using Prism.Pipeline.Engine;
using Prism.Pipeline.Sidecars.Staging;
using Prism.Pipeline.Tools;
using Prism.Platform;

namespace Prism.Pipeline.Release;

/// <summary>One archive of the release: every sidecar of one triple, each with its SBOM.</summary>
internal sealed record PackedArchive(string Triple, string FileName, long Size, string Sha256);

/// <summary>
/// Packs <c>artifacts/release/</c>: one archive per triple (<c>.zip</c> for Windows, else <c>.tar.gz</c> keeping the
/// executable bit) holding each sidecar and its SBOM, every SBOM beside the archives too, and <c>manifest.json</c>.
/// The same binaries, SBOMs and source time give byte-identical archives from one run (and process, and machine) to
/// the next: entries in name order timed at the source time, owner 0:0 without names, ustar tar entries (a PAX
/// entry's extended header is named <c>PaxHeaders.&lt;pid&gt;</c> and carries access and change times), and a gzip
/// header that names no operating system.
/// </summary>
internal static class ReleasePacker
{
    public const string ManifestFileName = "manifest.json";

    private const UnixFileMode Readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Packs the binaries with their SBOMs (<paramref name="boms"/>: SBOM bytes by the binary's file name); returns the archives.</summary>
    public static IReadOnlyList<PackedArchive> Pack(IReadOnlyList<StagedBinary> binaries, IReadOnlyDictionary<string, byte[]> boms, AbsolutePath binariesDirectory,
        AbsolutePath releaseDirectory, string version, DateTimeOffset sourceTime)
    {
        Directory.CreateDirectory(releaseDirectory);
        var entries = binaries.ToDictionary(binary => binary.FileName, binary => new ArchiveEntries(binariesDirectory / binary.FileName, SbomFileName(binary), boms[binary.FileName]));
        foreach (var entry in entries.Values)
        {
            new AtomicFile().WriteAllBytes(releaseDirectory / entry.SbomName, entry.Sbom);
        }

        var archives = binaries.GroupBy(binary => binary.Triple)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => PackTriple(group.Key, group.OrderBy(binary => binary.Sidecar, StringComparer.Ordinal).Select(binary => entries[binary.FileName]).ToList(),
                releaseDirectory, version, sourceTime))
            .ToList();
        var manifest = new
        {
            Version = version,
            Sidecars = binaries.Select(binary => new
            {
                binary.Sidecar,
                // The manifest's own spelling: a universal binary's two RIDs joined by '+'.
                Rid = string.Join("+", binary.Rids),
                binary.Triple,
                PublishMode = binary.Mode,
                binary.Size,
                binary.Sha256,
                Archive = archives.Single(archive => archive.Triple == binary.Triple).FileName,
                Sbom = entries[binary.FileName].SbomName,
                SbomSha256 = ContentHash.Sha256(entries[binary.FileName].Sbom),
            }),
            Archives = archives,
        };
        new AtomicFile().WriteAllBytes(releaseDirectory / ManifestFileName, JsonSerializer.SerializeToUtf8Bytes(manifest, Json));
        return archives;
    }

    /// <summary>The archive a triple's sidecars go into.</summary>
    public static string ArchiveFileName(string version, string triple) =>
        $"prism-sidecars-{version}-{triple}{(SidecarFileNames.NeedsExeSuffix(triple) ? ".zip" : ".tar.gz")}";

    /// <summary>A binary's SBOM file name, in its archive and beside it.</summary>
    public static string SbomFileName(StagedBinary binary) => Sbom.SidecarBom.FileNameFor(binary.FileName);

    /// <summary>A binary, and its SBOM's name and bytes: the two entries it has in its archive.</summary>
    private sealed record ArchiveEntries(AbsolutePath Binary, string SbomName, byte[] Sbom);

    private static PackedArchive PackTriple(string triple, IReadOnlyList<ArchiveEntries> binaries, AbsolutePath releaseDirectory, string version, DateTimeOffset time)
    {
        var fileName = ArchiveFileName(version, triple);
        using var buffer = new MemoryStream();
        if (SidecarFileNames.NeedsExeSuffix(triple))
        {
            WriteZip(buffer, binaries, time);
        }
        else
        {
            WriteTarGz(buffer, binaries, time);
        }

        var bytes = buffer.ToArray();
        new AtomicFile().WriteAllBytes(releaseDirectory / fileName, bytes);
        return new PackedArchive(triple, fileName, bytes.Length, ContentHash.Sha256(bytes));
    }

    /// <summary>Each binary, then its SBOM: (name, mode, content) in the order they are written.</summary>
    private static IEnumerable<(string Name, UnixFileMode Mode, Func<Stream> Open)> Files(IReadOnlyList<ArchiveEntries> binaries) =>
        binaries.SelectMany(entry => new (string, UnixFileMode, Func<Stream>)[]
        {
            (entry.Binary.Name, FileModes.Executable, () => File.OpenRead(entry.Binary)),
            (entry.SbomName, Readable, () => new MemoryStream(entry.Sbom, writable: false)),
        });

    private static void WriteTarGz(Stream output, IReadOnlyList<ArchiveEntries> binaries, DateTimeOffset time)
    {
        var start = output.Position;
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var (name, mode, open) in Files(binaries))
            {
                using var content = open();
                tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name)
                {
                    Mode = mode,
                    ModificationTime = time,
                    Uid = 0,
                    Gid = 0,
                    UserName = string.Empty,
                    GroupName = string.Empty,
                    DataStream = content,
                });
            }
        }

        // RFC 1952 byte 9 names the compressing OS (zlib writes 3 on Unix, 10 or 0 on Windows): 255, "unknown", on
        // every machine. The header has no checksum of its own, so the stream stays valid.
        output.Position = start + 9;
        output.WriteByte(255);
        output.Position = output.Length;
    }

    private static void WriteZip(Stream output, IReadOnlyList<ArchiveEntries> binaries, DateTimeOffset time)
    {
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var (name, mode, open) in Files(binaries))
        {
            var entry = zip.CreateEntry(name, CompressionLevel.SmallestSize);
            // A zip entry's time is local DOS time: the source time as UTC, so no machine's time zone gets in.
            entry.LastWriteTime = time.ToUniversalTime();
            entry.ExternalAttributes = (int)mode << 16;
            using var target = entry.Open();
            using var content = open();
            content.CopyTo(target);
        }
    }
}
