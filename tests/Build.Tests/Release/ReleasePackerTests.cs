using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Prism.Pipeline.Engine;
using Prism.Pipeline.Release;
using Prism.Pipeline.Sidecars;

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
        Add("tr-daemon", SidecarKind.Daemon, "linux-x64", "x86_64-unknown-linux-gnu", "tr-daemon-x86_64-unknown-linux-gnu");
        Add("prism", SidecarKind.Host, "linux-x64", "x86_64-unknown-linux-gnu", "prism-x86_64-unknown-linux-gnu");
        Add("tr-daemon", SidecarKind.Daemon, "win-x64", "x86_64-pc-windows-msvc", "tr-daemon-x86_64-pc-windows-msvc.exe");
    }

    public void Dispose() => folder.Dispose();

    private void Add(string sidecar, SidecarKind kind, string rid, string triple, string fileName)
    {
        File.WriteAllText(binaries / fileName, $"binary of {fileName}");
        staged.Add(StagedBinary.Describe(new Sidecar(sidecar, "", kind), rid, triple, "aot", binaries / fileName));
    }

    [Fact]
    public void One_archive_per_triple_tar_gz_with_executable_entries_and_zip_for_windows()
    {
        var archives = ReleasePacker.Pack(staged, binaries, release, "1.2.3");

        Assert.Equal(["prism-sidecars-1.2.3-x86_64-pc-windows-msvc.zip", "prism-sidecars-1.2.3-x86_64-unknown-linux-gnu.tar.gz"],
            archives.Select(archive => archive.FileName));
        using var tar = new TarReader(new GZipStream(File.OpenRead(release / archives[1].FileName), CompressionMode.Decompress));
        var entries = new List<TarEntry>();
        while (tar.GetNextEntry() is { } entry)
        {
            entries.Add(entry);
        }

        Assert.Equal(["prism-x86_64-unknown-linux-gnu", "tr-daemon-x86_64-unknown-linux-gnu"], entries.Select(entry => entry.Name));
        Assert.All(entries, entry => Assert.Equal(Stager.Executable, entry.Mode));
        using var zip = ZipFile.OpenRead(release / archives[0].FileName);
        Assert.Equal("tr-daemon-x86_64-pc-windows-msvc.exe", Assert.Single(zip.Entries).FullName);
    }

    [Fact]
    public void Sha256sums_lists_every_archive_in_sha256sum_format()
    {
        var archives = ReleasePacker.Pack(staged, binaries, release, "1.2.3");

        var lines = File.ReadAllLines(release / "SHA256SUMS");

        Assert.Equal(archives.Select(archive => $"{Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(release / archive.FileName)))}  {archive.FileName}"), lines);
    }

    [Fact]
    public void The_manifest_describes_every_sidecar()
    {
        ReleasePacker.Pack(staged, binaries, release, "1.2.3");

        using var manifest = JsonDocument.Parse(File.ReadAllBytes(release / "manifest.json"));
        var daemon = manifest.RootElement.GetProperty("sidecars").EnumerateArray().First(entry => entry.GetProperty("rid").GetString() == "win-x64");

        Assert.Equal("1.2.3", manifest.RootElement.GetProperty("version").GetString());
        Assert.Equal("tr-daemon", daemon.GetProperty("sidecar").GetString());
        Assert.Equal("x86_64-pc-windows-msvc", daemon.GetProperty("triple").GetString());
        Assert.Equal("aot", daemon.GetProperty("publish_mode").GetString());
        Assert.Equal(staged[2].Size, daemon.GetProperty("size").GetInt64());
        Assert.Equal(staged[2].Sha256, daemon.GetProperty("sha256").GetString());
    }

    [Fact]
    public void The_same_binaries_give_byte_identical_archives()
    {
        var first = ReleasePacker.Pack(staged, binaries, release, "1.2.3");
        File.SetLastWriteTimeUtc(binaries / staged[0].FileName, DateTime.UtcNow.AddDays(-3));

        var second = ReleasePacker.Pack(staged, binaries, release, "1.2.3");

        Assert.Equal(first.Select(archive => archive.Sha256), second.Select(archive => archive.Sha256));
    }
}
