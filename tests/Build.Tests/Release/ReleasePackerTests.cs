using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Prism.Pipeline.Engine;
using Prism.Pipeline.Release;
using Prism.Pipeline.Sidecars;
using Prism.Pipeline.Sidecars.Staging;
using Prism.Pipeline.Tools;

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

    /// <summary>The commit time the build hands the packer (an even second: zip keeps times to 2 s).</summary>
    private static readonly DateTimeOffset CommitTime = new(2026, 3, 4, 5, 6, 8, TimeSpan.Zero);

    public void Dispose() => folder.Dispose();

    private void Add(string sidecar, SidecarKind kind, string rid, string triple, string fileName)
    {
        File.WriteAllText(binaries / fileName, $"binary of {fileName}");
        staged.Add(StagedBinary.Describe(new Sidecar(sidecar, "", kind), rid, triple, StagedMode.NativeAot, binaries / fileName));
    }

    [Fact]
    public void One_archive_per_triple_tar_gz_with_executable_entries_and_zip_for_windows()
    {
        var archives = ReleasePacker.Pack(staged, binaries, release, "1.2.3", CommitTime);

        Assert.Equal(["prism-sidecars-1.2.3-x86_64-pc-windows-msvc.zip", "prism-sidecars-1.2.3-x86_64-unknown-linux-gnu.tar.gz"],
            archives.Select(archive => archive.FileName));
        using var tar = new TarReader(new GZipStream(File.OpenRead(release / archives[1].FileName), CompressionMode.Decompress));
        var entries = new List<TarEntry>();
        while (tar.GetNextEntry() is { } entry)
        {
            entries.Add(entry);
        }

        Assert.Equal(["prism-x86_64-unknown-linux-gnu", "tr-daemon-x86_64-unknown-linux-gnu"], entries.Select(entry => entry.Name));
        Assert.All(entries, entry => Assert.Equal(FileModes.Executable, entry.Mode));
        using var zip = ZipFile.OpenRead(release / archives[0].FileName);
        Assert.Equal("tr-daemon-x86_64-pc-windows-msvc.exe", Assert.Single(zip.Entries).FullName);
    }

    [Fact]
    public void Every_entry_carries_the_commit_time_in_tar_and_zip()
    {
        var archives = ReleasePacker.Pack(staged, binaries, release, "1.2.3", CommitTime.ToOffset(TimeSpan.FromHours(9)));

        using var tar = new TarReader(new GZipStream(File.OpenRead(release / archives[1].FileName), CompressionMode.Decompress));
        var tarTimes = new List<DateTimeOffset>();
        while (tar.GetNextEntry() is { } entry)
        {
            tarTimes.Add(entry.ModificationTime);
        }

        using var zip = ZipFile.OpenRead(release / archives[0].FileName);
        Assert.All(tarTimes, time => Assert.Equal(CommitTime, time));
        // Zip stores a clock time without a zone: the commit's in UTC, whatever offset the time was handed in with.
        Assert.Equal(CommitTime.UtcDateTime, Assert.Single(zip.Entries).LastWriteTime.DateTime);
    }

    [Fact]
    public void Sha256sums_lists_every_archive_in_sha256sum_format()
    {
        var archives = ReleasePacker.Pack(staged, binaries, release, "1.2.3", CommitTime);

        var lines = File.ReadAllLines(release / "SHA256SUMS");

        Assert.Equal(archives.Select(archive => $"{Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(release / archive.FileName)))}  {archive.FileName}"), lines);
    }

    [Fact]
    public void The_manifest_describes_every_sidecar()
    {
        ReleasePacker.Pack(staged, binaries, release, "1.2.3", CommitTime);

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
        var first = ArchiveBytes(ReleasePacker.Pack(staged, binaries, release, "1.2.3", CommitTime).Select(archive => archive.FileName));
        File.SetLastWriteTimeUtc(binaries / staged[0].FileName, DateTime.UtcNow.AddDays(-3));

        var second = ArchiveBytes(ReleasePacker.Pack(staged, binaries, release, "1.2.3", CommitTime).Select(archive => archive.FileName));

        Assert.Equal(first.Keys, second.Keys);
        Assert.All(first, archive => Assert.True(archive.Value.SequenceEqual(second[archive.Key]), $"{archive.Key} differs between two packs"));
    }

    /// <summary>The archives as written to disk, by name: what the packer reports of them is not what is compared.</summary>
    private Dictionary<string, byte[]> ArchiveBytes(IEnumerable<string> fileNames) =>
        fileNames.ToDictionary(fileName => fileName, fileName => File.ReadAllBytes(release / fileName), StringComparer.Ordinal);

    [Fact]
    public void Two_runs_of_the_real_build_in_two_processes_pack_the_same_bytes()
    {
        // A root the real build accepts for Pack on its own (--skip): the version, staged files and their records.
        using var repository = new TemporaryFolder();
        var root = new AbsolutePath(repository.Path);
        Directory.CreateDirectory(root / ".nuke");
        File.WriteAllText(root / "Directory.Build.props", "<Project><PropertyGroup><Version>1.2.3</Version></PropertyGroup></Project>");
        var binariesFolder = root / "src-tauri" / "binaries";
        Directory.CreateDirectory(binariesFolder);
        string[] files = ["tr-daemon-x86_64-unknown-linux-gnu", "prism-x86_64-unknown-linux-gnu", "tr-daemon-x86_64-pc-windows-msvc.exe", "prism-x86_64-pc-windows-msvc.exe"];
        foreach (var file in files)
        {
            File.WriteAllText(binariesFolder / file, $"binary of {file}");
            var sidecar = file.StartsWith("prism", StringComparison.Ordinal) ? new Sidecar("prism", "", SidecarKind.Host) : new Sidecar("tr-daemon", "", SidecarKind.Daemon);
            var windows = file.EndsWith(".exe", StringComparison.Ordinal);
            StagedBinary.Describe(sidecar, windows ? "win-x64" : "linux-x64", windows ? "x86_64-pc-windows-msvc" : "x86_64-unknown-linux-gnu", StagedMode.NativeAot, binariesFolder / file)
                .Save(root / "artifacts" / "staged");
        }

        var first = PackWithTheRealBuild(root);
        File.SetLastWriteTimeUtc(binariesFolder / files[0], DateTime.UtcNow.AddDays(-3));
        var second = PackWithTheRealBuild(root);

        Assert.Equal(["SHA256SUMS", "manifest.json", "prism-sidecars-1.2.3-x86_64-pc-windows-msvc.zip", "prism-sidecars-1.2.3-x86_64-unknown-linux-gnu.tar.gz"], first.Keys);
        Assert.Equal(first.Keys, second.Keys);
        Assert.All(first, file => Assert.True(file.Value.SequenceEqual(second[file.Key]), $"{file.Key} differs between two runs"));
    }

    /// <summary>Runs <c>_build Pack --skip</c> in a process of its own; returns every file of artifacts/release by name.</summary>
    private static SortedDictionary<string, byte[]> PackWithTheRealBuild(AbsolutePath root)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "_build.dll"), "Pack", "--skip", "--runtimes", "linux-x64", "win-x64", "--root", root, "--no-logo" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("TAURI_ENV_TARGET_TRIPLE");
        // The folder is no git clone, so the archives' time comes from SOURCE_DATE_EPOCH, as a packager's tarball build gets it.
        start.Environment["SOURCE_DATE_EPOCH"] = CommitTime.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), "Pack did not finish within 5 minutes");
        Assert.True(process.ExitCode == 0, output.Result + errors.Result);
        var release = root / "artifacts" / "release";
        return new SortedDictionary<string, byte[]>(
            Directory.EnumerateFiles(release).ToDictionary(file => Path.GetFileName(file), File.ReadAllBytes),
            StringComparer.Ordinal);
    }
}
