using System.Buffers.Binary;
using System.Text;
using Prism.Pipeline.Bundles;
using Prism.Pipeline.Tests.Sidecars.Floors;
using Prism.Pipeline.Tools;

namespace Prism.Pipeline.Tests.Bundles;

/// <summary>
/// VerifyBundle's checks on a macOS .app, whose sidecars Tauri signs (rewriting their signature, load commands and
/// __LINKEDIT size), and on a Windows install folder: Mach-O and PE programs linked here stand for the sidecars.
/// </summary>
public sealed class AppAndFolderBundleTests : IDisposable
{
    private const string Arm64Mac = "aarch64-apple-darwin";

    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void A_sidecar_signed_again_in_the_app_is_the_staged_one_though_its_file_differs()
    {
        var staged = ToolchainBinaries.MachO(folder, "prism-aarch64-apple-darwin", "arm64", "12.0");
        var signed = SignAgain(File.ReadAllBytes(staged));
        var app = App(("prism", signed));

        var (problems, notes) = BundleVerifier.Verify(ProgramFolder.ReadMacApp(app), _ => [Staged("prism", staged)], new Dictionary<string, IReadOnlyList<string>>());

        Assert.Empty(problems);
        Assert.NotEqual(ContentHash.Sha256(staged), ContentHash.Sha256(signed));
        var (key, value) = Assert.Single(notes);
        Assert.Equal("Prism.app: Contents/MacOS/prism", key);
        Assert.Contains("compared: each slice's bytes from its first section to its code signature, which signing leaves unchanged", value, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_build_in_the_app_is_stale_naming_both_sha256s_of_its_code()
    {
        var staged = ToolchainBinaries.MachO(folder, "prism-aarch64-apple-darwin", "arm64", "12.0");
        var older = ToolchainBinaries.MachO(folder, "older", "arm64", "12.0", variant: 1);
        var app = App(("prism", SignAgain(File.ReadAllBytes(older))));

        var (problems, _) = BundleVerifier.Verify(ProgramFolder.ReadMacApp(app), _ => [Staged("prism", staged)], new Dictionary<string, IReadOnlyList<string>>());

        var problem = Assert.Single(problems);
        Assert.Contains("Prism.app: Contents/MacOS/prism is stale: it is not the staged prism-aarch64-apple-darwin", problem, StringComparison.Ordinal);
        Assert.Matches("Arm64: bundled SHA-256 [0-9a-f]{64}, staged SHA-256 [0-9a-f]{64}", problem);
    }

    [Fact]
    public void An_install_folder_missing_a_sidecar_fails_naming_it_and_the_staged_sha256()
    {
        var prism = ToolchainBinaries.Pe(folder, "prism-x86_64-pc-windows-msvc", new Dictionary<string, string> { ["KERNEL32.dll"] = "ExitProcess" });
        var install = Path.Combine(folder.Path, "Prism");
        Directory.CreateDirectory(install);
        File.Copy(prism, Path.Combine(install, "prism.exe"));
        File.Copy(prism, Path.Combine(install, "Prism App.exe"));
        var daemon = Staged("tr-daemon", prism) with { StagedFileName = "tr-daemon-x86_64-pc-windows-msvc.exe" };

        var (problems, notes) = BundleVerifier.Verify(ProgramFolder.ReadInstallFolder(install), _ => [Staged("prism", prism), daemon], new Dictionary<string, IReadOnlyList<string>>());

        var problem = Assert.Single(problems);
        Assert.StartsWith($"{install}: ./tr-daemon.exe is missing: the bundle lacks the sidecar staged as tr-daemon-x86_64-pc-windows-msvc.exe (SHA-256 {ContentHash.Sha256(prism)})", problem, StringComparison.Ordinal);
        Assert.Contains(notes, note => note.Key == "Prism: ./prism.exe" && note.Value.StartsWith("ok", StringComparison.Ordinal));
    }

    private static StagedSidecar Staged(string name, string path) => new(name, Path.GetFileName(path), path, ContentHash.Sha256(path));

    private string App(params (string Name, byte[] Bytes)[] programs)
    {
        var app = Path.Combine(folder.Path, "Prism.app");
        foreach (var (name, bytes) in programs)
        {
            var path = Path.Combine(app, "Contents", "MacOS", name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, bytes);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, FileModes.Executable);
            }
        }

        return app;
    }

    /// <summary>
    /// What <c>codesign --force</c> does to a signed thin Mach-O: a new, larger signature blob where the old one was,
    /// LC_CODE_SIGNATURE's size and __LINKEDIT's file and memory sizes grown to hold it; nothing before the signature moves.
    /// </summary>
    private static byte[] SignAgain(byte[] macho)
    {
        const int Grow = 4096;
        var commands = BinaryPrimitives.ReadUInt32LittleEndian(macho.AsSpan(16));
        var signatureOffset = 0;
        var position = 32;
        var linkEdit = -1;
        for (var index = 0; index < commands; index++)
        {
            var command = BinaryPrimitives.ReadUInt32LittleEndian(macho.AsSpan(position));
            if (command == 0x1D)
            {
                signatureOffset = (int)BinaryPrimitives.ReadUInt32LittleEndian(macho.AsSpan(position + 8));
                BinaryPrimitives.WriteUInt32LittleEndian(macho.AsSpan(position + 12), (uint)(macho.Length - signatureOffset + Grow));
            }
            else if (command == 0x19 && Encoding.ASCII.GetString(macho, position + 8, 10) == "__LINKEDIT")
            {
                linkEdit = position;
            }

            position += (int)BinaryPrimitives.ReadUInt32LittleEndian(macho.AsSpan(position + 4));
        }

        Assert.True(signatureOffset > 0 && linkEdit > 0, "the test binary must be signed and have __LINKEDIT");
        BinaryPrimitives.WriteUInt64LittleEndian(macho.AsSpan(linkEdit + 48), BinaryPrimitives.ReadUInt64LittleEndian(macho.AsSpan(linkEdit + 48)) + Grow);
        BinaryPrimitives.WriteUInt64LittleEndian(macho.AsSpan(linkEdit + 32), BinaryPrimitives.ReadUInt64LittleEndian(macho.AsSpan(linkEdit + 32)) + Grow);
        var resigned = new byte[macho.Length + Grow];
        macho.AsSpan(0, signatureOffset).CopyTo(resigned);
        resigned.AsSpan(signatureOffset).Fill(0xAB);
        return resigned;
    }
}
