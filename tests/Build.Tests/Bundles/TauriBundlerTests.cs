using System.Diagnostics;
using Prism.Pipeline.Tests.Pipeline;
using Prism.Pipeline.Tools;
using Prism.Platform;

namespace Prism.Pipeline.Tests.Bundles;

/// <summary>
/// VerifyBundle on what Tauri's real bundler makes: the CLI pinned in package.json runs <c>tauri bundle --bundles deb rpm</c>
/// on a minimal app (a Cargo.toml, a config, and a stand-in main binary at <c>target/release/&lt;package&gt;</c>, so no Rust
/// is compiled) whose sidecars are this checkout's linux-x64 ones as Stage left them, records included. Then the real
/// build executable checks the bundles.
/// </summary>
public sealed class TauriBundlerTests : IDisposable
{
    private const string Triple = "x86_64-unknown-linux-gnu";
    private static readonly string[] SidecarNames = ["tr-daemon", "prism"];

    private readonly TemporaryFolder root = new();

    public TauriBundlerTests()
    {
        Assert.SkipUnless(CurrentRuntime.Triple == Triple, "Tauri's deb and rpm bundler runs on Linux; this test stages the linux-x64 sidecars");
        Assert.SkipUnless(File.Exists(TauriCli), "the pinned Tauri CLI is missing: run `npm ci`");
        foreach (var sidecar in SidecarNames)
        {
            var staged = Path.Combine(RepositoryPaths.Root, "src-tauri", "binaries", SidecarFileNames.Staged(sidecar, Triple));
            var record = Path.Combine(RepositoryPaths.Root, "artifacts", "staged", SidecarFileNames.Staged(sidecar, Triple) + ".json");
            Assert.SkipUnless(File.Exists(staged) && File.Exists(record), $"{staged} and its record are missing: run `./build.sh Stage` first");
            Copy(staged, Path.Combine(AppFolder, "binaries", Path.GetFileName(staged)));
            Copy(record, Path.Combine(root.Path, "artifacts", "staged", Path.GetFileName(record)));
        }

        Directory.CreateDirectory(Path.Combine(root.Path, ".nuke"));
        root.Write("src-tauri/Cargo.toml", "[package]\nname = \"prism-app\"\nversion = \"0.1.0\"\nedition = \"2021\"\n");
        root.Write("src-tauri/src/main.rs", "fn main() {}\n");
        root.Write("src-tauri/placeholder/index.html", "<!doctype html><title>Prism</title>\n");
        Copy("/usr/bin/true", Path.Combine(AppFolder, "target", "release", "prism-app"));
        WriteConfig(["libssl3t64 | libssl3"], ["libssl.so.3()(64bit)"]);
    }

    public void Dispose() => root.Dispose();

    private static string TauriCli => Path.Combine(RepositoryPaths.Root, "node_modules", ".bin", "tauri");

    private string AppFolder => Path.Combine(root.Path, "src-tauri");

    private string BundleFolder => Path.Combine(AppFolder, "target", "release", "bundle");

    [Fact]
    public void The_deb_and_rpm_tauri_makes_from_the_staged_sidecars_pass()
    {
        TauriBundle();

        var (exitCode, output) = VerifyBundle();

        Assert.True(exitCode == 0, output);
        foreach (var package in new[] { "Prism_0.1.0_amd64.deb", "Prism-0.1.0-1.x86_64.rpm" })
        {
            foreach (var sidecar in SidecarNames)
            {
                var sha = ContentHash.Sha256(Path.Combine(AppFolder, "binaries", SidecarFileNames.Staged(sidecar, Triple)));
                Assert.Contains($"{package}: usr/bin/{sidecar}: ok, executable, the staged {SidecarFileNames.Staged(sidecar, Triple)} (SHA-256 {sha}; compared: the whole file)", output, StringComparison.Ordinal);
            }
        }

        Assert.Contains("Prism_0.1.0_amd64.deb: Depends: ok, libssl3t64 | libssl3", output, StringComparison.Ordinal);
        Assert.Contains("Prism-0.1.0-1.x86_64.rpm: Requires: ok, ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stale_sidecar_planted_where_tauri_picks_it_up_fails_naming_both_sha256s()
    {
        // Another real x64 program of ours (the host) where Tauri takes the daemon from: the externalBin path, after Stage.
        var daemon = Path.Combine(AppFolder, "binaries", SidecarFileNames.Staged("tr-daemon", Triple));
        var stagedSha = ContentHash.Sha256(daemon);
        File.Copy(Path.Combine(AppFolder, "binaries", SidecarFileNames.Staged("prism", Triple)), daemon, overwrite: true);
        var staleSha = ContentHash.Sha256(daemon);
        TauriBundle();

        var (exitCode, output) = VerifyBundle();

        Assert.Equal(1, exitCode);
        Assert.Contains($"Prism_0.1.0_amd64.deb: usr/bin/tr-daemon is stale: its SHA-256 is {staleSha}, but Stage staged tr-daemon-{Triple} with SHA-256 {stagedSha}.", output, StringComparison.Ordinal);
        Assert.Contains($"Prism-0.1.0-1.x86_64.rpm: usr/bin/tr-daemon is stale: its SHA-256 is {staleSha}", output, StringComparison.Ordinal);
        Assert.Contains("now holds exactly the bundled bytes: it was replaced after Stage", output, StringComparison.Ordinal);
        Assert.Contains("usr/bin/prism: ok", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bundle_built_without_the_openssl_dependency_fails_naming_it()
    {
        WriteConfig([], []);
        TauriBundle();
        WriteConfig(["libssl3t64 | libssl3"], ["libssl.so.3()(64bit)"]);

        var (exitCode, output) = VerifyBundle();

        Assert.Equal(1, exitCode);
        Assert.Contains("Prism_0.1.0_amd64.deb does not declare \"libssl3t64 | libssl3\"", output, StringComparison.Ordinal);
        Assert.Contains("Prism-0.1.0-1.x86_64.rpm does not declare \"libssl.so.3()(64bit)\"", output, StringComparison.Ordinal);
    }

    private void WriteConfig(string[] debDepends, string[] rpmDepends) =>
        root.Write("src-tauri/tauri.conf.json", $$"""
            {
              "productName": "Prism",
              "version": "0.1.0",
              "identifier": "app.prism.desktop",
              "build": { "frontendDist": "placeholder" },
              "bundle": {
                "active": true,
                "targets": "all",
                "externalBin": ["binaries/prism", "binaries/tr-daemon"],
                "linux": {
                  "deb": { "depends": [{{string.Join(", ", debDepends.Select(entry => $"\"{entry}\""))}}] },
                  "rpm": { "depends": [{{string.Join(", ", rpmDepends.Select(entry => $"\"{entry}\""))}}] }
                }
              }
            }
            """);

    /// <summary>Tauri's bundler for the .deb and .rpm, as `tauri build` runs it after compiling (no signing, no patching of the stand-in).</summary>
    private void TauriBundle()
    {
        var start = new ProcessStartInfo(TauriCli) { WorkingDirectory = AppFolder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "bundle", "--bundles", "deb", "rpm", "--no-binary-patching", "--ci" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"tauri bundle failed: {output.Result}{errors.Result}");
    }

    private (int ExitCode, string Output) VerifyBundle() =>
        BuildExecutable.Run(root.Path, ["VerifyBundle", "--bundle", BundleFolder, "--tauri-config", Path.Combine(AppFolder, "tauri.conf.json"), "--no-logo"]);

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Copy(from, to, overwrite: true);
    }
}
