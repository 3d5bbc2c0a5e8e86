using Prism.Pipeline.Sidecars;
using Prism.Pipeline.Sidecars.Staging;
using Prism.Pipeline.Tests.Engine;
using Prism.Pipeline.Tests.Sidecars.Inspection;
using Prism.Pipeline.Tools;
using Prism.Platform;

namespace Prism.Pipeline.Tests.Pipeline;

/// <summary>The real Pack target (in-process, on a temporary root) over staged binaries and the records Stage left (a CI gather job's case).</summary>
public sealed class PackTargetTests : IDisposable
{
    private readonly BuildHarness harness = new();

    public void Dispose() => harness.Dispose();

    [Theory]
    [InlineData("../../secret.txt")]
    [InlineData("other/tr-daemon-x86_64-unknown-linux-gnu")]
    [InlineData("/etc/hostname")]
    public void A_staging_record_naming_another_file_than_its_own_is_refused_and_nothing_is_packed(string named)
    {
        File.WriteAllText(Path.Combine(harness.Root, "Directory.Build.props"), "<Project><PropertyGroup><Version>1.2.3</Version></PropertyGroup></Project>");
        File.WriteAllText(Path.Combine(harness.Root, "secret.txt"), "not a sidecar");
        var fileName = SidecarFileNames.Staged("tr-daemon", "x86_64-unknown-linux-gnu");
        var binaries = Path.Combine(harness.Root, "src-tauri", "binaries");
        Directory.CreateDirectory(binaries);
        var staged = Path.Combine(binaries, fileName);
        File.WriteAllBytes(staged, CraftedBinaries.Elf(CraftedBinaries.ElfX64, is64: true));
        var records = Path.Combine(harness.Root, "artifacts", "staged");
        // The record Stage wrote for the staged file, its hash still matching that file — then edited to name another one.
        new StagedBinary("tr-daemon", SidecarKind.Daemon, TargetTable.ForRid("linux-x64"), "x86_64-unknown-linux-gnu", StagedMode.NativeAot, fileName, new FileInfo(staged).Length, ContentHash.Sha256(staged))
            .Save(new Prism.Pipeline.Engine.AbsolutePath(records));
        var record = Path.Combine(records, fileName + ".json");
        var written = File.ReadAllText(record);
        Assert.Contains($"\"FileName\": \"{fileName}\"", written, StringComparison.Ordinal);
        File.WriteAllText(record, written.Replace($"\"FileName\": \"{fileName}\"", $"\"FileName\": {System.Text.Json.JsonSerializer.Serialize(named)}", StringComparison.Ordinal));

        var run = harness.Run(new Build(), "Pack", "Pack", "--skip", "--no-logo", "--sidecar-names", "tr-daemon", "--runtimes", "linux-x64");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{record} is the staging record of {fileName} but names the file '{named}'", run.Output, StringComparison.Ordinal);
        Assert.Contains($"run Stage again for {fileName}", run.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(harness.Root, "artifacts", "release")), "Pack wrote a release from the record");
    }
}
