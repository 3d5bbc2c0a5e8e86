using System.Runtime.Versioning;
using Prism.Pipeline.Engine;
using Prism.Pipeline.Sidecars;
using Prism.Pipeline.Sidecars.Publishing;
using Prism.Pipeline.Sidecars.Staging;
using Prism.Pipeline.Tools;
using Prism.Platform;

namespace Prism.Pipeline.Tests.Sidecars.Staging;

public sealed class StagerTests : IDisposable
{
    private readonly TemporaryFolder folder = new();
    private readonly AbsolutePath root;

    public StagerTests() => root = new AbsolutePath(folder.Path);

    public void Dispose() => folder.Dispose();

    private PublishedBinary Published(string rid, params string[] extraFiles)
    {
        var runtime = TargetTable.ForRid(rid);
        var request = new PublishRequest(new Sidecar("tr-daemon", "x.csproj", SidecarKind.Daemon), runtime, PublishMode.SingleFile,
            root / "x.csproj", root / "publish" / rid, []);
        Directory.CreateDirectory(request.OutputDirectory);
        File.WriteAllBytes(request.Executable, [0x7f, (byte)'E', (byte)'L', (byte)'F', 1, 2, 3]);
        foreach (var extra in extraFiles)
        {
            File.WriteAllText(request.OutputDirectory / extra, "");
        }

        return new PublishedBinary(request, UpToDate: false);
    }

    private Stager Stager => new(root / "binaries", root / "records");

    [Fact]
    public void Staging_over_a_file_a_running_program_holds_names_the_likely_cause_and_the_fix()
    {
        var earlier = Stager.Stage(Published("win-x64"));
        var destination = root / "binaries" / earlier.FileName;
        var before = File.ReadAllBytes(destination);
        // What Windows reports when the rename meets an .exe that a process has open.
        var heldOpen = new AtomicFile(
            temporary => new FileStream(temporary, FileMode.CreateNew),
            (_, target) => throw new IOException($"The process cannot access the file '{target}' because it is being used by another process.", unchecked((int)0x80070020)));
        var newer = Published("win-x64");
        File.WriteAllBytes(newer.Path, [0x4d, 0x5a, 9, 9, 9]);

        var error = Assert.Throws<BuildException>(() => new Stager(root / "binaries", root / "records", heldOpen).Stage(newer));

        Assert.Contains($"cannot replace {destination}, which a running program holds open", error.Message, StringComparison.Ordinal);
        Assert.Contains("is `tauri dev`", error.Message, StringComparison.Ordinal);
        Assert.Contains("Stop it, then run Stage again.", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(destination));
        Assert.Equal([destination.ToString()], Directory.GetFiles(root / "binaries"));
    }

    [Fact]
    public void Staging_over_a_running_exe_on_windows_names_the_likely_cause_and_the_fix()
    {
        Assert.SkipUnless(OperatingSystem.IsWindows(), "Only Windows refuses to replace a running executable; on Linux and macOS the rename succeeds (the running process keeps the old inode).");
        var destination = root / "binaries" / "tr-daemon-x86_64-pc-windows-msvc.exe";
        Directory.CreateDirectory(root / "binaries");
        File.Copy(Path.Combine(Environment.SystemDirectory, "ping.exe"), destination);
        using var running = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(destination, ["-n", "60", "127.0.0.1"]) { RedirectStandardOutput = true })!;
        try
        {
            var error = Assert.Throws<BuildException>(() => Stager.Stage(Published("win-x64")));

            Assert.Contains("which a running program holds open", error.Message, StringComparison.Ordinal);
            Assert.Contains("is `tauri dev`", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            running.Kill();
        }
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void The_staging_folder_is_left_writable_by_its_owner_only_as_prism_requires_of_a_daemon_beside_it()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Write access for others is a Unix mode bit here.");
        // A checkout under umask 002 (per-user groups) makes src-tauri/binaries group-writable.
        Directory.CreateDirectory(root / "binaries");
        File.SetUnixFileMode(root / "binaries", (UnixFileMode)Convert.ToInt32("777", 8));

        Stager.Stage(Published("linux-x64"));

        Assert.Equal((UnixFileMode)Convert.ToInt32("755", 8), File.GetUnixFileMode(root / "binaries"));
    }

    [Fact]
    public void Stages_under_the_triple_with_exe_only_for_windows()
    {
        Assert.Equal("tr-daemon-x86_64-unknown-linux-gnu", Stager.Stage(Published("linux-x64")).FileName);
        Assert.Equal("tr-daemon-x86_64-pc-windows-msvc.exe", Stager.Stage(Published("win-x64")).FileName);
        Assert.True(File.Exists(root / "binaries" / "tr-daemon-x86_64-pc-windows-msvc.exe"));
    }

    [Fact]
    public void The_staged_file_is_identical_to_the_published_one()
    {
        var published = Published("linux-x64");

        var staged = Stager.Stage(published);

        Assert.Equal(File.ReadAllBytes(published.Path), File.ReadAllBytes(root / "binaries" / staged.FileName));
        Assert.Empty(Directory.EnumerateFiles(root / "binaries", "*.tmp"));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void The_staged_file_is_executable()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Execute permission is a Unix file mode; Windows runs a file by its name.");

        var staged = Stager.Stage(Published("linux-x64"));

        Assert.Equal((UnixFileMode)Convert.ToInt32("755", 8), File.GetUnixFileMode(root / "binaries" / staged.FileName));
    }

    [Fact]
    public void Records_what_was_staged_for_later_steps()
    {
        var staged = Stager.Stage(Published("osx-arm64"));

        var record = StagedBinary.Load(root / "records", staged.FileName);

        Assert.Equal(staged, record);
        Assert.Equal("aarch64-apple-darwin", record!.Triple);
        // The record's hash must be the staged bytes' own, computed here rather than by the code under test.
        var onDisk = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(root / "binaries" / staged.FileName)));
        Assert.Equal(onDisk, record.Sha256);
    }

    [Theory]
    [InlineData("aot", StagedMode.NativeAot)]
    [InlineData("single-file", StagedMode.SingleFile)]
    [InlineData("single-file+aot", StagedMode.NativeAotAndSingleFile)]
    public void A_record_an_earlier_stage_wrote_still_reads_and_is_written_back_in_the_same_words(string written, StagedMode mode)
    {
        Directory.CreateDirectory(root / "records");
        File.WriteAllText(root / "records" / "tr-daemon-x86_64-apple-darwin.json", OldRecord(written));

        var record = StagedBinary.Load(root / "records", "tr-daemon-x86_64-apple-darwin")!;
        record.Save(root / "again");

        Assert.Equal(mode, record.Mode);
        using var again = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(root / "again" / "tr-daemon-x86_64-apple-darwin.json"));
        Assert.Equal(mode == StagedMode.NativeAotAndSingleFile ? "aot+single-file" : written, again.RootElement.GetProperty("Mode").GetString());
    }

    [Fact]
    public void A_record_with_a_mode_this_build_does_not_know_fails_naming_the_file_and_the_fix()
    {
        Directory.CreateDirectory(root / "records");
        File.WriteAllText(root / "records" / "tr-daemon-x86_64-apple-darwin.json", OldRecord("jit"));

        var error = Assert.Throws<BuildException>(() => StagedBinary.Load(root / "records", "tr-daemon-x86_64-apple-darwin"));

        Assert.Contains($"{root / "records" / "tr-daemon-x86_64-apple-darwin.json"} is not a staging record this build can read", error.Message, StringComparison.Ordinal);
        Assert.Contains("the mode is 'jit', not one of aot, single-file, aot+single-file", error.Message, StringComparison.Ordinal);
        Assert.Contains("Run Stage again for tr-daemon-x86_64-apple-darwin", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_universal_record_an_earlier_stage_wrote_with_its_two_rids_still_reads_as_universal()
    {
        Directory.CreateDirectory(root / "records");
        File.WriteAllText(root / "records" / "tr-daemon-universal-apple-darwin.json",
            OldRecord("aot", rid: "\"osx-x64+osx-arm64\"", triple: "universal-apple-darwin"));

        var record = StagedBinary.Load(root / "records", "tr-daemon-universal-apple-darwin")!;
        record.Save(root / "again");

        Assert.Null(record.Runtime);
        Assert.Null(record.PublishedAs);
        Assert.Equal(["osx-x64", "osx-arm64"], record.Rids);
        using var again = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(root / "again" / "tr-daemon-universal-apple-darwin.json"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, again.RootElement.GetProperty("Rid").ValueKind);
        Assert.False(again.RootElement.TryGetProperty("Rids", out _), "the slices' RIDs follow from the null runtime; a record does not repeat them");
        Assert.Equal(record, StagedBinary.Load(root / "again", "tr-daemon-universal-apple-darwin"));
    }

    [Fact]
    public void A_single_slice_record_reads_its_runtime_as_the_table_row()
    {
        Directory.CreateDirectory(root / "records");
        File.WriteAllText(root / "records" / "tr-daemon-x86_64-apple-darwin.json", OldRecord("aot"));

        var record = StagedBinary.Load(root / "records", "tr-daemon-x86_64-apple-darwin")!;

        Assert.Equal(TargetTable.ForRid("osx-x64"), record.Runtime);
        Assert.Equal(PublishMode.NativeAot, record.PublishedAs);
    }

    [Fact]
    public void A_record_with_a_runtime_this_build_does_not_know_fails_naming_the_known_ones_and_the_fix()
    {
        Directory.CreateDirectory(root / "records");
        File.WriteAllText(root / "records" / "tr-daemon-x86_64-apple-darwin.json", OldRecord("aot", rid: "\"osx-x65\""));

        var error = Assert.Throws<BuildException>(() => StagedBinary.Load(root / "records", "tr-daemon-x86_64-apple-darwin"));

        Assert.Contains("the runtime is 'osx-x65', not one of " + string.Join(", ", TargetTable.KnownRids), error.Message, StringComparison.Ordinal);
        Assert.Contains("Run Stage again for tr-daemon-x86_64-apple-darwin", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_record_whose_runtime_is_not_staged_under_its_own_triple_is_refused_with_the_fix()
    {
        Directory.CreateDirectory(root / "records");
        File.WriteAllText(root / "records" / "tr-daemon-x86_64-apple-darwin.json", OldRecord("aot", rid: "\"osx-arm64\""));

        var error = Assert.Throws<BuildException>(() => StagedBinary.Load(root / "records", "tr-daemon-x86_64-apple-darwin"));

        Assert.Contains("says tr-daemon-x86_64-apple-darwin is for osx-arm64, staged under x86_64-apple-darwin", error.Message, StringComparison.Ordinal);
        Assert.Contains("Run Stage again for tr-daemon-x86_64-apple-darwin", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A record as Stage wrote it before the mode and runtime were typed: both as strings (<paramref name="rid"/> as JSON).</summary>
    private static string OldRecord(string mode, string rid = "\"osx-x64\"", string triple = "x86_64-apple-darwin") =>
        $$"""
          {
            "Sidecar": "tr-daemon",
            "Kind": 0,
            "Rid": {{rid}},
            "Triple": "{{triple}}",
            "Mode": "{{mode}}",
            "FileName": "tr-daemon-{{triple}}",
            "Size": 7,
            "Sha256": "00"
          }
          """;

    [Fact]
    public void Symbol_files_beside_the_binary_are_fine_and_stay_out_of_the_staged_folder()
    {
        var published = Published("linux-x64", "tr-daemon.dbg", "tr-daemon.pdb");

        var staged = Stager.Stage(published);

        Assert.Equal(StagedMode.SingleFile, staged.Mode);
        Assert.Equal([(root / "binaries" / staged.FileName).ToString()], Directory.GetFileSystemEntries(root / "binaries"));
        Assert.Equal(File.ReadAllBytes(published.Path), File.ReadAllBytes(root / "binaries" / staged.FileName));
    }

    [Fact]
    public void Files_the_binary_would_need_beside_it_fail_the_stage_naming_them()
    {
        var error = Assert.Throws<BuildException>(() => Stager.Stage(Published("linux-x64", "appsettings.json", "libe_sqlite3.so")));

        Assert.Contains("holds files the binary would need beside it: appsettings.json, libe_sqlite3.so.", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(root / "binaries") && Directory.EnumerateFileSystemEntries(root / "binaries").Any());
    }

    [Fact]
    public void Both_mac_slices_of_a_sidecar_make_a_universal_pair()
    {
        string[] rids = ["osx-x64", "osx-arm64", "linux-x64"];
        var staged = rids.Select(rid => Stager.Stage(Published(rid))).ToList();

        var pair = Assert.Single(UniversalBinary.Pairs(staged));

        Assert.Equal(("osx-x64", "osx-arm64"), (pair.Intel.Runtime?.Rid, pair.AppleSilicon.Runtime?.Rid));
    }
}
