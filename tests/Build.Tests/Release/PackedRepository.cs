using System.Diagnostics;
using Prism.Pipeline.Engine;
using Prism.Pipeline.Sidecars;
using Prism.Pipeline.Sidecars.Staging;
using Prism.Platform;

namespace Prism.Pipeline.Tests.Release;

/// <summary>
/// A git clone-like copy of this repository's projects (src/, the shared props, global.json, the lock files) with
/// made-up staged binaries and their records — linux-x64 Native AOT and win-x64 single files — in which the real
/// build runs Pack in a process of its own, as a CI gather job does (<c>Pack --skip</c>).
/// </summary>
internal sealed class PackedRepository : IDisposable
{
    public const long CommitTime = 1_780_000_000;

    private readonly TemporaryFolder folder = new();

    public PackedRepository()
    {
        Root = new AbsolutePath(folder.Path);
        CopyProjects(new DirectoryInfo(Path.Combine(RepositoryPaths.Root, "src")), Root / "src");
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json", "NuGet.config", ".gitignore" })
        {
            if (File.Exists(Path.Combine(RepositoryPaths.Root, file)))
            {
                File.Copy(Path.Combine(RepositoryPaths.Root, file), Root / file);
            }
        }

        Directory.CreateDirectory(Root / ".nuke");
        var binaries = Root / "src-tauri" / "binaries";
        Directory.CreateDirectory(binaries);
        foreach (var (sidecar, rid, _, mode, file) in Binaries)
        {
            File.WriteAllText(binaries / file, $"the program {file}");
            StagedBinary.Describe(sidecar, TargetTable.ForRid(rid), mode, binaries / file).Save(Root / "artifacts" / "staged");
        }

        Git("init", "--quiet");
        Git("add", "-A");
        Git("-c", "user.name=Test", "-c", "user.email=test@example.invalid", "commit", "--quiet", "-m", "fixture");
    }

    public static IReadOnlyList<(Sidecar Sidecar, string Rid, string Triple, StagedMode Mode, string File)> Binaries { get; } =
    [
        (new Sidecar("tr-daemon", "", SidecarKind.Daemon), "linux-x64", "x86_64-unknown-linux-gnu", StagedMode.NativeAot, "tr-daemon-x86_64-unknown-linux-gnu"),
        (new Sidecar("prism", "", SidecarKind.Host), "linux-x64", "x86_64-unknown-linux-gnu", StagedMode.NativeAot, "prism-x86_64-unknown-linux-gnu"),
        (new Sidecar("tr-daemon", "", SidecarKind.Daemon), "win-x64", "x86_64-pc-windows-msvc", StagedMode.SingleFile, "tr-daemon-x86_64-pc-windows-msvc.exe"),
        (new Sidecar("prism", "", SidecarKind.Host), "win-x64", "x86_64-pc-windows-msvc", StagedMode.SingleFile, "prism-x86_64-pc-windows-msvc.exe"),
    ];

    public AbsolutePath Root { get; }

    public AbsolutePath Release => Root / "artifacts" / "release";

    /// <summary>Runs the real build (this test run's _build.dll) in its own process; returns exit code and output.</summary>
    public (int ExitCode, string Output) RunBuild(IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Root };
        foreach (var argument in (string[])[Path.Combine(AppContext.BaseDirectory, "_build.dll"), .. arguments, "--root", Root, "--no-logo"])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var variable in new[] { "TAURI_ENV_TARGET_TRIPLE", "PRISM_SIGNING_KEY", "SOURCE_DATE_EPOCH", "GITHUB_ACTIONS", "GITHUB_RUN_ID" })
        {
            start.Environment.Remove(variable);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var result = ProcessRunner.Run(start, TimeSpan.FromMinutes(30));
        return (result.ExitCode, result.Stdout + result.Stderr);
    }

    public void Dispose() => folder.Dispose();

    private void Git(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Root };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["GIT_AUTHOR_DATE"] = start.Environment["GIT_COMMITTER_DATE"] = $"@{CommitTime} +0000";
        var result = ProcessRunner.Run(start, TimeSpan.FromMinutes(3));
        Assert.True(result.ExitCode == 0, $"git {string.Join(' ', arguments)}: {result.Stderr}");
    }

    private static void CopyProjects(DirectoryInfo source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in source.EnumerateFiles())
        {
            file.CopyTo(Path.Combine(target, file.Name));
        }

        foreach (var child in source.EnumerateDirectories().Where(child => child.Name is not ("bin" or "obj")))
        {
            CopyProjects(child, Path.Combine(target, child.Name));
        }
    }
}
