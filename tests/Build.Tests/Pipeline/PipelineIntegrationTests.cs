using Prism.Platform;

namespace Prism.Pipeline.Tests.Pipeline;

/// <summary>
/// The real pipeline (Publish → Stage → PatchTauriConfig → Verify → Smoke) run by the real build executable on a
/// temporary copy of the repository with a fixture Tauri config. Publishes already made by this checkout are copied
/// along, so the copy finds them up to date by fingerprint instead of compiling again.
/// </summary>
public sealed class PipelineIntegrationTests : IDisposable
{
    private static readonly string[] CopiedFiles =
        ["global.json", "Directory.Build.props", "Directory.Packages.props", ".editorconfig", "package.json", "package-lock.json", ".nuke/parameters.json",
         "node_modules/@tauri-apps/cli/config.schema.json"];

    private static readonly string[] CopiedFolders = ["src", "artifacts/publish", "artifacts/staged"];

    private readonly TemporaryFolder root = new();

    public PipelineIntegrationTests()
    {
        foreach (var file in CopiedFiles.Where(file => File.Exists(Path.Combine(RepositoryPaths.Root, file))))
        {
            Copy(Path.Combine(RepositoryPaths.Root, file), Path.Combine(root.Path, file));
        }

        foreach (var folder in CopiedFolders)
        {
            CopyTree(Path.Combine(RepositoryPaths.Root, folder), Path.Combine(root.Path, folder));
        }

        Directory.CreateDirectory(Path.Combine(root.Path, ".nuke"));
        Copy(Path.Combine(AppContext.BaseDirectory, "Pipeline", "Fixtures", "tauri.conf.json"), Path.Combine(root.Path, "tauri.conf.json"));
    }

    public void Dispose() => root.Dispose();

    private string ConfigPath => Path.Combine(root.Path, "tauri.conf.json");

    [Fact]
    public void The_default_target_stages_patches_verifies_and_smoke_tests_both_sidecars_and_a_second_run_changes_nothing()
    {
        var fixture = File.ReadAllText(ConfigPath);

        var (exitCode, output) = RunBuild("--no-logo");

        Assert.True(exitCode == 0, output);
        Assert.Equal(fixture.Replace("""
                "targets": "all"
            }
        """, """
                "targets": "all",
                "externalBin": [
                    "src-tauri/binaries/tr-daemon",
                    "src-tauri/binaries/prism"
                ],
                "linux": {
                    "deb": {
                        "depends": [
                            "libssl3t64 | libssl3"
                        ]
                    },
                    "rpm": {
                        "depends": [
                            "libssl.so.3()(64bit)"
                        ]
                    }
                }
            }
        """, StringComparison.Ordinal), File.ReadAllText(ConfigPath));
        foreach (var sidecar in new[] { "tr-daemon", "prism" })
        {
            var staged = Path.Combine(root.Path, "src-tauri", "binaries", SidecarFileNames.Staged(sidecar, CurrentRuntime.Triple));
            Assert.True(File.Exists(staged), $"{staged} was not staged");
            Assert.Matches($@"{sidecar}-{CurrentRuntime.Triple}(\.exe)?: \S+, [\d.]+ MiB, native, \d+ ms to first reply: passed", output);
        }

        var patched = File.ReadAllBytes(ConfigPath);
        var (secondExitCode, secondOutput) = RunBuild("--no-logo");

        Assert.True(secondExitCode == 0, secondOutput);
        Assert.Equal(patched, File.ReadAllBytes(ConfigPath));
        Assert.Contains("tauri.conf.json: unchanged", secondOutput, StringComparison.Ordinal);
        Assert.Contains($"tr-daemon {CurrentRuntime.Rid} (", secondOutput, StringComparison.Ordinal);
        Assert.Contains("up to date, skipped", secondOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("published,", secondOutput, StringComparison.Ordinal);
    }

    private (int ExitCode, string Output) RunBuild(params string[] args) => BuildExecutable.Run(root.Path, args);

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Copy(from, to);
    }

    private static void CopyTree(string from, string to)
    {
        if (!Directory.Exists(from))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (!relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            {
                Copy(file, Path.Combine(to, relative));
            }
        }
    }
}
