using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Prism.Pipeline.Engine;
using Prism.Pipeline.Sidecars.Staging;
using Prism.Pipeline.Tools;
using Prism.Platform;

namespace Prism.Pipeline.Release;

/// <summary>One archive of the release: every sidecar of one triple.</summary>
internal sealed record PackedArchive(string Triple, string FileName, long Size, string Sha256);

/// <summary>
/// Packs <c>artifacts/release/</c>: one archive per triple (<c>.zip</c> for Windows, else <c>.tar.gz</c> keeping the
/// executable bit), <c>SHA256SUMS</c> in sha256sum's format, and <c>manifest.json</c>. The same binaries give
/// byte-identical archives from one run (and process, and machine) to the next: entries in name order, each with the
/// same modification time — the commit's (<c>SOURCE_DATE_EPOCH</c>, resolved by the caller), so an archive says when
/// its source was made and a rebuild of the commit matches it —, owner 0:0 without names, ustar tar entries (a PAX
/// entry's extended header is named <c>PaxHeaders.&lt;pid&gt;</c> and carries access and change times), and a gzip
/// header that names no operating system and no time.
/// </summary>
internal static class ReleasePacker
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <param name="timestamp">Every entry's modification time (zip keeps it to 2 s, in the clock time of its offset).</param>
    public static IReadOnlyList<PackedArchive> Pack(IReadOnlyList<StagedBinary> binaries, AbsolutePath binariesDirectory, AbsolutePath releaseDirectory, string version,
        DateTimeOffset timestamp)
    {
        Directory.CreateDirectory(releaseDirectory);
        var archives = binaries.GroupBy(binary => binary.Triple)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => PackTriple(group.Key, group.OrderBy(binary => binary.Sidecar, StringComparer.Ordinal).ToList(), binariesDirectory, releaseDirectory, version,
                timestamp.ToUniversalTime()))
            .ToList();
        var sums = string.Concat(archives.Select(archive => $"{archive.Sha256}  {archive.FileName}\n"));
        new AtomicFile().WriteAllBytes(releaseDirectory / "SHA256SUMS", Encoding.UTF8.GetBytes(sums));
        var manifest = new
        {
            Version = version,
            Sidecars = binaries.Select(binary => new
            {
                binary.Sidecar,
                binary.Rid,
                binary.Triple,
                PublishMode = binary.Mode,
                binary.Size,
                binary.Sha256,
                Archive = archives.Single(archive => archive.Triple == binary.Triple).FileName,
            }),
            Archives = archives,
        };
        new AtomicFile().WriteAllBytes(releaseDirectory / "manifest.json", JsonSerializer.SerializeToUtf8Bytes(manifest, Json));
        return archives;
    }

    private static PackedArchive PackTriple(string triple, IReadOnlyList<StagedBinary> binaries, AbsolutePath binariesDirectory, AbsolutePath releaseDirectory, string version,
        DateTimeOffset timestamp)
    {
        var windows = SidecarFileNames.NeedsExeSuffix(triple);
        var fileName = $"prism-sidecars-{version}-{triple}{(windows ? ".zip" : ".tar.gz")}";
        using var buffer = new MemoryStream();
        if (windows)
        {
            WriteZip(buffer, binaries, binariesDirectory, timestamp);
        }
        else
        {
            WriteTarGz(buffer, binaries, binariesDirectory, timestamp);
        }

        var bytes = buffer.ToArray();
        new AtomicFile().WriteAllBytes(releaseDirectory / fileName, bytes);
        return new PackedArchive(triple, fileName, bytes.Length, ContentHash.Sha256(bytes));
    }

    private static void WriteTarGz(Stream output, IReadOnlyList<StagedBinary> binaries, AbsolutePath binariesDirectory, DateTimeOffset timestamp)
    {
        var start = output.Position;
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var binary in binaries)
            {
                using var content = File.OpenRead(binariesDirectory / binary.FileName);
                tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, binary.FileName)
                {
                    Mode = FileModes.Executable,
                    ModificationTime = timestamp,
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

    private static void WriteZip(Stream output, IReadOnlyList<StagedBinary> binaries, AbsolutePath binariesDirectory, DateTimeOffset timestamp)
    {
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var binary in binaries)
        {
            var entry = zip.CreateEntry(binary.FileName, CompressionLevel.SmallestSize);
            entry.LastWriteTime = timestamp;
            entry.ExternalAttributes = (int)FileModes.Executable << 16;
            using var target = entry.Open();
            using var content = File.OpenRead(binariesDirectory / binary.FileName);
            content.CopyTo(target);
        }
    }
}
