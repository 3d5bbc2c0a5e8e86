using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Prism.Pipeline.Engine;
using Prism.Pipeline.Release;
using Prism.Pipeline.Sidecars;
using Prism.Pipeline.Sidecars.Staging;
using Prism.Pipeline.Tools;
using Prism.Platform;

namespace Prism.Pipeline.Tests.Release;

public sealed class ReleasePackerTests : IDisposable
{
    private readonly TemporaryFolder folder = new();
    private readonly AbsolutePath binaries;
    private readonly AbsolutePath release;
    private readonly List<StagedBinary> staged = [];

    public ReleasePackerTests()
    {
        binaries = new AbsolutePath(folder.Path) / "binaries";
        release = new AbsolutePath(folder.Path) / "release";
        Directory.CreateDirectory(binaries);
        Add("tr-daemon", SidecarKind.Daemon, "linux-x64", "tr-daemon-x86_64-unknown-linux-gnu");
        Add("prism", SidecarKind.Host, "linux-x64", "prism-x86_64-unknown-linux-gnu");
        Add("tr-daemon", SidecarKind.Daemon, "win-x64", "tr-daemon-x86_64-pc-windows-msvc.exe");
    }

    public void Dispose() => folder.Dispose();

    // Even seconds: a zip entry keeps DOS time, which counts in steps of two.
    private static readonly DateTimeOffset SourceTime = new(2026, 5, 4, 3, 2, 2, TimeSpan.Zero);

    /// <summary>An SBOM per binary: the packer takes them as bytes, whatever they say.</summary>
    private Dictionary<string, byte[]> Boms => staged.ToDictionary(binary => binary.FileName, binary => System.Text.Encoding.UTF8.GetBytes($"{{\"sbom of\": \"{binary.FileName}\"}}"));

    private void Add(string sidecar, SidecarKind kind, string rid, string fileName)
    {
        File.WriteAllText(binaries / fileName, $"binary of {fileName}");
        staged.Add(StagedBinary.Describe(new Sidecar(sidecar, "", kind), TargetTable.ForRid(rid), StagedMode.NativeAot, binaries / fileName));
    }

    [Fact]
    public void One_archive_per_triple_tar_gz_with_executable_entries_and_zip_for_windows()
    {
        var archives = ReleasePacker.Pack(staged, Boms, binaries, release, "1.2.3", SourceTime);

        Assert.Equal(["prism-sidecars-1.2.3-x86_64-pc-windows-msvc.zip", "prism-sidecars-1.2.3-x86_64-unknown-linux-gnu.tar.gz"],
            archives.Select(archive => archive.FileName));
        using var tar = new TarReader(new GZipStream(File.OpenRead(release / archives[1].FileName), CompressionMode.Decompress));
        var entries = new List<TarEntry>();
        while (tar.GetNextEntry() is { } entry)
        {
            entries.Add(entry);
        }

        Assert.Equal(["prism-x86_64-unknown-linux-gnu", "prism-x86_64-unknown-linux-gnu.cdx.json", "tr-daemon-x86_64-unknown-linux-gnu", "tr-daemon-x86_64-unknown-linux-gnu.cdx.json"],
            entries.Select(entry => entry.Name));
        Assert.All(entries.Where(entry => !entry.Name.EndsWith(".json", StringComparison.Ordinal)), entry => Assert.Equal(FileModes.Executable, entry.Mode));
        Assert.All(entries.Where(entry => entry.Name.EndsWith(".json", StringComparison.Ordinal)), entry => Assert.Equal((UnixFileMode)0b110_100_100, entry.Mode));
        Assert.All(entries, entry => Assert.Equal(SourceTime, entry.ModificationTime));
        using var zip = ZipFile.OpenRead(release / archives[0].FileName);
        Assert.Equal(["tr-daemon-x86_64-pc-windows-msvc.exe", "tr-daemon-x86_64-pc-windows-msvc.cdx.json"], zip.Entries.Select(entry => entry.FullName));
        Assert.Equal(SourceTime.UtcDateTime, zip.Entries[0].LastWriteTime.DateTime);
    }

    [Fact]
    public void Every_entry_carries_the_source_time_in_utc_whatever_offset_it_is_handed_in_with()
    {
        var archives = ReleasePacker.Pack(staged, Boms, binaries, release, "1.2.3", SourceTime.ToOffset(TimeSpan.FromHours(9)));

        using var tar = new TarReader(new GZipStream(File.OpenRead(release / archives[1].FileName), CompressionMode.Decompress));
        var tarTimes = new List<DateTimeOffset>();
        while (tar.GetNextEntry() is { } entry)
        {
            tarTimes.Add(entry.ModificationTime);
        }

        using var zip = ZipFile.OpenRead(release / archives[0].FileName);
        Assert.All(tarTimes, time => Assert.Equal(SourceTime, time));
        // Zip stores a clock time without a zone: the source time in UTC.
        Assert.All(zip.Entries, entry => Assert.Equal(SourceTime.UtcDateTime, entry.LastWriteTime.DateTime));
    }

    [Fact]
    public void Every_sbom_lies_beside_the_archives_byte_for_byte_as_inside_them()
    {
        var archives = ReleasePacker.Pack(staged, Boms, binaries, release, "1.2.3", SourceTime);

        using var zip = ZipFile.OpenRead(release / archives[0].FileName);
        using var inside = new StreamReader(zip.GetEntry("tr-daemon-x86_64-pc-windows-msvc.cdx.json")!.Open());
        Assert.Equal(File.ReadAllText(release / "tr-daemon-x86_64-pc-windows-msvc.cdx.json"), inside.ReadToEnd());
        Assert.Equal(Boms["tr-daemon-x86_64-pc-windows-msvc.exe"], File.ReadAllBytes(release / "tr-daemon-x86_64-pc-windows-msvc.cdx.json"));
    }

    [Fact]
    public void Sha256sums_lists_the_given_files_by_name_in_sha256sum_format()
    {
        var archives = ReleasePacker.Pack(staged, Boms, binaries, release, "1.2.3", SourceTime);
        string[] names = [.. archives.Select(archive => archive.FileName), "manifest.json", "tr-daemon-x86_64-pc-windows-msvc.cdx.json"];

        ReleaseChecksums.Write(release, names);

        Assert.Equal(names.Order(StringComparer.Ordinal).Select(name => $"{Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(release / name)))}  {name}"),
            File.ReadAllLines(release / "SHA256SUMS"));
    }

    [Fact]
    public void The_manifest_describes_every_sidecar()
    {
        ReleasePacker.Pack(staged, Boms, binaries, release, "1.2.3", SourceTime);

        using var manifest = JsonDocument.Parse(File.ReadAllBytes(release / "manifest.json"));
        var daemon = manifest.RootElement.GetProperty("sidecars").EnumerateArray().First(entry => entry.GetProperty("rid").GetString() == "win-x64");

        Assert.Equal("1.2.3", manifest.RootElement.GetProperty("version").GetString());
        Assert.Equal("tr-daemon", daemon.GetProperty("sidecar").GetString());
        Assert.Equal("x86_64-pc-windows-msvc", daemon.GetProperty("triple").GetString());
        Assert.Equal("aot", daemon.GetProperty("publish_mode").GetString());
        // The bytes on disk, hashed here: not the stager's record of them, which the manifest is written from.
        var onDisk = File.ReadAllBytes(binaries / "tr-daemon-x86_64-pc-windows-msvc.exe");
        Assert.Equal(onDisk.Length, daemon.GetProperty("size").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(onDisk)), daemon.GetProperty("sha256").GetString());
    }

    [Fact]
    public void The_same_binaries_give_byte_identical_archives()
    {
        var first = ArchiveBytes(ReleasePacker.Pack(staged, Boms, binaries, release, "1.2.3", SourceTime).Select(archive => archive.FileName));
        File.SetLastWriteTimeUtc(binaries / staged[0].FileName, DateTime.UtcNow.AddDays(-3));

        var second = ArchiveBytes(ReleasePacker.Pack(staged, Boms, binaries, release, "1.2.3", SourceTime).Select(archive => archive.FileName));

        Assert.Equal(first.Keys, second.Keys);
        Assert.All(first, archive => Assert.True(archive.Value.SequenceEqual(second[archive.Key]), $"{archive.Key} differs between two packs"));
    }

    /// <summary>The archives as written to disk, by name: what the packer reports of them is not what is compared.</summary>
    private Dictionary<string, byte[]> ArchiveBytes(IEnumerable<string> fileNames) =>
        fileNames.ToDictionary(fileName => fileName, fileName => File.ReadAllBytes(release / fileName), StringComparer.Ordinal);
}
