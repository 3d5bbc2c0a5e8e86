using Prism.Pipeline.Sidecars;
using Prism.Pipeline.Sidecars.Staging;
using Prism.Pipeline.Tests.Engine;
using Prism.Pipeline.Tests.Sidecars.Inspection;
using Prism.Pipeline.Tools;
using Prism.Platform;

namespace Prism.Pipeline.Tests.Pipeline;

/// <summary>
/// The real PatchTauriConfig and Verify targets (in-process, on a temporary root holding Tauri's schema and the
/// package-lock.json that pins it) on a project whose config is a Tauri.toml found without --tauri-config, and a macOS
/// daemon staged as a JIT single file, whose entitlements Verify requires and PatchTauriConfig --macos-entitlements
/// provides.
/// </summary>
public sealed class ConfigFormatTargetTests : IDisposable
{
    private const string TomlConfig = "# the app\r\nidentifier = \"app.example\"\r\n\r\n[bundle]\r\nactive = true\r\n";

    private readonly BuildHarness harness = new();

    public ConfigFormatTargetTests()
    {
        var schema = Path.Combine(harness.Root, "node_modules", "@tauri-apps", "cli", "config.schema.json");
        Directory.CreateDirectory(Path.GetDirectoryName(schema)!);
        File.Copy(RepositoryPaths.TauriSchema, schema);
        // The build checks the schema against the lock file's pinned CLI on every use.
        File.Copy(Path.Combine(RepositoryPaths.Root, "package-lock.json"), Path.Combine(harness.Root, "package-lock.json"));
    }

    private string ConfigPath => Path.Combine(harness.Root, "Tauri.toml");

    public void Dispose() => harness.Dispose();

    [Fact]
    public void PatchTauriConfig_finds_the_projects_tauri_toml_patches_it_in_kebab_case_and_leaves_it_alone_the_second_time()
    {
        File.WriteAllText(ConfigPath, TomlConfig);

        var first = harness.Run(new Build(), "PatchTauriConfig", "PatchTauriConfig", "--no-logo");
        var afterFirst = File.ReadAllText(ConfigPath);
        var second = harness.Run(new Build(), "PatchTauriConfig", "PatchTauriConfig", "--no-logo");

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Equal(TomlConfig + "external-bin = [\"src-tauri/binaries/tr-daemon\", \"src-tauri/binaries/prism\"]\r\n"
            + "linux.deb.depends = [\"libssl3t64 | libssl3\"]\r\nlinux.rpm.depends = [\"libssl.so.3()(64bit)\"]\r\n", afterFirst);
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Contains("Tauri.toml: unchanged; valid against Tauri's config schema", second.Output, StringComparison.Ordinal);
        Assert.Equal(afterFirst, File.ReadAllText(ConfigPath));
    }

    [Fact]
    public void A_project_with_two_configs_is_refused_before_anything_is_written()
    {
        File.WriteAllText(ConfigPath, TomlConfig);
        File.WriteAllText(Path.Combine(harness.Root, "tauri.conf.json"), "{\"identifier\": \"app.example\"}");

        var run = harness.Run(new Build(), "PatchTauriConfig", "PatchTauriConfig", "--no-logo");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("holds tauri.conf.json and Tauri.toml; Tauri reads only tauri.conf.json", run.Output, StringComparison.Ordinal);
        Assert.Equal(TomlConfig, File.ReadAllText(ConfigPath));
    }

    [Fact]
    public void A_jit_macos_daemon_fails_verify_until_patch_tauri_config_grants_allow_jit_in_the_entitlements_it_creates()
    {
        File.WriteAllText(ConfigPath, TomlConfig);
        StageMacDaemon("single-file");
        string[] selection = ["--no-logo", "--sidecar-names", "tr-daemon", "--runtimes", "osx-arm64"];

        var before = harness.Run(new Build(), "Verify", ["Verify", "--skip", .. selection]);
        var patch = harness.Run(new Build(), "PatchTauriConfig", ["PatchTauriConfig", "--macos-entitlements", "Entitlements.plist", .. selection]);
        var after = harness.Run(new Build(), "Verify", ["Verify", "--skip", .. selection]);

        Assert.Equal(1, before.ExitCode);
        Assert.Contains("sets no bundle.macOS.entitlements, but tr-daemon-aarch64-apple-darwin is a JIT single file for macOS", before.Output, StringComparison.Ordinal);
        Assert.True(patch.ExitCode == 0, patch.Output);
        Assert.Contains("macos.entitlements = \"Entitlements.plist\"\r\n", File.ReadAllText(ConfigPath), StringComparison.Ordinal);
        Assert.Contains("<key>com.apple.security.cs.allow-jit</key>", File.ReadAllText(Path.Combine(harness.Root, "Entitlements.plist")), StringComparison.Ordinal);
        Assert.True(after.ExitCode == 0, after.Output);
    }

    [Fact]
    public void A_native_aot_macos_daemon_needs_no_entitlements()
    {
        File.WriteAllText(ConfigPath, TomlConfig);
        StageMacDaemon("aot");

        var run = harness.Run(new Build(), "Verify", "Verify", "--skip", "--no-logo", "--sidecar-names", "tr-daemon", "--runtimes", "osx-arm64");

        Assert.True(run.ExitCode == 0, run.Output);
    }

    /// <summary>A crafted arm64 Mach-O staged as the daemon, with the record Stage would have written.</summary>
    private void StageMacDaemon(string mode)
    {
        var runtime = TargetTable.ForRid("osx-arm64");
        var binaries = Path.Combine(harness.Root, "src-tauri", "binaries");
        Directory.CreateDirectory(binaries);
        using var folder = new TemporaryFolder();
        var fileName = SidecarFileNames.Staged("tr-daemon", runtime.Triple);
        var path = Path.Combine(binaries, fileName);
        File.Move(CraftedBinaries.WriteExecutable(folder, fileName, CraftedBinaries.MachO(CraftedBinaries.MachOArm64)), path);
        new StagedBinary("tr-daemon", SidecarKind.Daemon, runtime, runtime.Triple, StagedModeNames.Parse(mode)!.Value, fileName,
                new FileInfo(path).Length, ContentHash.Sha256(path))
            .Save(new Prism.Pipeline.Engine.AbsolutePath(Path.Combine(harness.Root, "artifacts", "staged")));
    }
}
