using System.Diagnostics;
using Prism.Pipeline.Bundles;
using Prism.Pipeline.Tests.Sidecars.Floors;
using Prism.Pipeline.Tools;

namespace Prism.Pipeline.Tests.Bundles;

/// <summary>
/// VerifyBundle on an AppImage laid out as the type-2 format is — an ELF runtime with a squashfs image (mksquashfs)
/// appended where the ELF ends — read back through unsquashfs. (Tauri's AppImage bundler downloads linuxdeploy, which
/// this machine cannot, so the image is made here with the same squashfs tools.)
/// </summary>
public sealed class AppImageBundleTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task An_appimage_holding_the_staged_sidecars_passes_and_one_with_a_non_executable_sidecar_fails()
    {
        Assert.SkipWhen(ExecutableSearch.Find("mksquashfs") is null || ExecutableSearch.Find("unsquashfs") is null, "squashfs-tools is not installed");
        var daemon = ToolchainBinaries.Elf(folder, "tr-daemon-x86_64-unknown-linux-gnu", "int main(void) { return 0; }\n");
        var prism = ToolchainBinaries.Elf(folder, "prism-x86_64-unknown-linux-gnu", "int main(void) { return 1; }\n");
        var good = MakeAppImage("good", (daemon, "tr-daemon", true), (prism, "prism", true));
        var unrunnable = MakeAppImage("unrunnable", (daemon, "tr-daemon", false), (prism, "prism", true));
        var tools = new ToolRunner(Serilog.Core.Logger.None, CancellationToken.None);
        IReadOnlyList<StagedSidecar> Staged(string triple) =>
            [new("tr-daemon", Path.GetFileName(daemon), daemon, ContentHash.Sha256(daemon)), new("prism", Path.GetFileName(prism), prism, ContentHash.Sha256(prism))];

        var passed = BundleVerifier.Verify(await AppImage.ReadAsync(good, ExecutableSearch.Find("unsquashfs")!, tools), Staged, new Dictionary<string, IReadOnlyList<string>>());
        var failed = BundleVerifier.Verify(await AppImage.ReadAsync(unrunnable, ExecutableSearch.Find("unsquashfs")!, tools), Staged, new Dictionary<string, IReadOnlyList<string>>());

        Assert.Empty(passed.Problems);
        Assert.Contains(passed.Notes, note => note.Key == "good.AppImage: usr/bin/tr-daemon" && note.Value.StartsWith("ok, executable", StringComparison.Ordinal));
        var problem = Assert.Single(failed.Problems);
        Assert.StartsWith($"{unrunnable}: usr/bin/tr-daemon is not executable in the bundle", problem, StringComparison.Ordinal);
    }

    /// <summary>A runtime (this machine's <c>true</c>, an ELF whose section headers end the file) followed by a squashfs of usr/bin.</summary>
    private string MakeAppImage(string name, params (string Source, string Name, bool Executable)[] programs)
    {
        var tree = Path.Combine(folder.Path, name + "-tree");
        Directory.CreateDirectory(Path.Combine(tree, "usr", "bin"));
        foreach (var (source, programName, executable) in programs)
        {
            var target = Path.Combine(tree, "usr", "bin", programName);
            File.Copy(source, target);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(target, executable ? FileModes.Executable : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            }
        }

        var image = Path.Combine(folder.Path, name + ".squashfs");
        using (var process = Process.Start(new ProcessStartInfo(ExecutableSearch.Find("mksquashfs")!, [tree, image, "-noappend", "-quiet", "-all-root"]) { RedirectStandardOutput = true })!)
        {
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
        }

        var appImage = Path.Combine(folder.Path, name + ".AppImage");
        File.WriteAllBytes(appImage, [.. File.ReadAllBytes("/usr/bin/true"), .. File.ReadAllBytes(image)]);
        return appImage;
    }
}
