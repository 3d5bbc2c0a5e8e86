using Prism.Platform;

namespace Prism.Host.Bridge;

/// <summary>
/// Finds tr-daemon in the order of daemon-protocol.md ("Sidecar resolution in the host"):
/// <list type="number">
/// <item><c>PRISM_DAEMON_PATH</c> when set (and then nothing else: an explicit choice is never replaced by a guess);</item>
/// <item><c>tr-daemon[.exe]</c> next to the host: a Tauri bundle and <c>tauri dev</c> strip the triple;</item>
/// <item><c>tr-daemon-&lt;triple&gt;[.exe]</c> next to the host, then in <c>src-tauri/binaries/</c> of the project
/// found by walking up from the host's folder and then from the current directory (the first ancestor that has a
/// <c>src-tauri</c> folder; from <c>src-tauri/target/debug</c> that is the project root);</item>
/// <item>from source (a host that is not single-file/AOT): <c>src/Prism.Daemon/bin/&lt;configuration&gt;/&lt;tfm&gt;/tr-daemon.dll</c>
/// of the repository found the same way (the first ancestor holding <c>src/Prism.Daemon/Prism.Daemon.csproj</c>),
/// this host's configuration first, run with <c>dotnet</c>.</item>
/// </list>
/// A file without execute permission is skipped and reported (Tauri field problem: mode bits lost in CI artifacts).
/// </summary>
internal static class DaemonLocator
{
    public const string SidecarName = "tr-daemon";

    private const string DaemonProjectFolder = "src/Prism.Daemon";
    private const string DaemonProject = DaemonProjectFolder + "/Prism.Daemon.csproj";
    private static readonly string[] Configurations = ["Debug", "Release"];

    /// <summary>The launch spec of the first daemon found; throws <see cref="DaemonNotFoundException"/> listing every path tried.</summary>
    public static DaemonLaunchSpec Locate(LocatorFacts facts)
    {
        if (facts.OverridePath is { } overridePath)
        {
            return LocateOverride(Path.GetFullPath(overridePath, facts.CurrentDirectory), facts);
        }

        var tried = new List<TriedPath>();
        foreach (var (path, layout) in ExecutableCandidates(facts))
        {
            var outcome = Inspect(path);
            tried.Add(new TriedPath(path, layout, outcome ?? "found"));
            if (outcome is null)
            {
                return new DaemonLaunchSpec(path, [], layout);
            }
        }

        if (!AncestorsHolding(facts, "src-tauri").Any())
        {
            tried.Add(new TriedPath(Path.Combine("src-tauri", "binaries", SidecarFileNames.Staged(SidecarName, facts.Triple)), "staging folder src-tauri/binaries", $"not tried: no src-tauri folder in {facts.HostDirectory}, {facts.CurrentDirectory} or above"));
        }

        if (!facts.RunningFromSource)
        {
            tried.Add(new TriedPath($"{DaemonProjectFolder}/bin/<configuration>/{facts.TargetFramework}/{SidecarName}.dll", "build output", "not tried: this prism is a published single-file/Native AOT executable"));
            throw DaemonNotFoundException.NoneFound(tried);
        }

        if (!AncestorsHolding(facts, DaemonProject).Any())
        {
            tried.Add(new TriedPath($"{DaemonProjectFolder}/bin/<configuration>/{facts.TargetFramework}/{SidecarName}.dll", "build output", $"not tried: no {DaemonProject} in {facts.HostDirectory}, {facts.CurrentDirectory} or above"));
        }

        foreach (var path in BuildOutputCandidates(facts))
        {
            var found = File.Exists(path);
            tried.Add(new TriedPath(path, "build output, run with dotnet", found ? "found" : "missing"));
            if (found)
            {
                return new DaemonLaunchSpec(facts.DotnetHost, [path], "build output, run with dotnet");
            }
        }

        throw DaemonNotFoundException.NoneFound(tried);
    }

    private static DaemonLaunchSpec LocateOverride(string path, LocatorFacts facts)
    {
        const string Layout = LocatorFacts.OverrideVariable;
        if (path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            return File.Exists(path)
                ? new DaemonLaunchSpec(facts.DotnetHost, [path], Layout + ", run with dotnet")
                : throw DaemonNotFoundException.OverrideMissing(new TriedPath(path, Layout, "missing"));
        }

        var outcome = Inspect(path);
        return outcome is null
            ? new DaemonLaunchSpec(path, [], Layout)
            : throw DaemonNotFoundException.OverrideMissing(new TriedPath(path, Layout, outcome));
    }

    /// <summary>The native executables to try, in order: bundled name, staged name, then staged name in each src-tauri/binaries.</summary>
    private static IEnumerable<(string Path, string Layout)> ExecutableCandidates(LocatorFacts facts)
    {
        yield return (Path.Combine(facts.HostDirectory, SidecarFileNames.Bundled(SidecarName, facts.Triple)), "bundled name next to prism");
        var staged = SidecarFileNames.Staged(SidecarName, facts.Triple);
        yield return (Path.Combine(facts.HostDirectory, staged), "staged name next to prism");
        foreach (var projectRoot in AncestorsHolding(facts, "src-tauri"))
        {
            yield return (Path.Combine(projectRoot, "src-tauri", "binaries", staged), "staging folder src-tauri/binaries");
        }
    }

    /// <summary>tr-daemon.dll in the daemon project's build output, this host's configuration first.</summary>
    private static IEnumerable<string> BuildOutputCandidates(LocatorFacts facts)
    {
        var configurations = Configurations.OrderBy(configuration => configuration == facts.Configuration ? 0 : 1);
        return
            from repository in AncestorsHolding(facts, DaemonProject)
            from configuration in configurations
            // GetFullPath turns the '/' of DaemonProjectFolder into '\' on Windows, so the path reads (and compares) as one.
            select Path.GetFullPath(Path.Combine(repository, DaemonProjectFolder, "bin", configuration, facts.TargetFramework, SidecarName + ".dll"));
    }

    /// <summary>The nearest ancestor (itself included) of the host's folder, then of the current directory, that holds <paramref name="child"/>; each at most once.</summary>
    private static IEnumerable<string> AncestorsHolding(LocatorFacts facts, string child) =>
        new[] { facts.HostDirectory, facts.CurrentDirectory }
            .Select(start => NearestAncestorHolding(start, child))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal);

    private static string? NearestAncestorHolding(string start, string child)
    {
        for (var folder = new DirectoryInfo(Path.GetFullPath(start)); folder is not null; folder = folder.Parent)
        {
            if (Path.Exists(Path.Combine(folder.FullName, child)))
            {
                return folder.FullName;
            }
        }

        return null;
    }

    /// <summary>Null when <paramref name="path"/> is a file this process may execute, else why not.</summary>
    private static string? Inspect(string path)
    {
        if (!File.Exists(path))
        {
            return Directory.Exists(path) ? "a folder, not a file" : "missing";
        }

        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(path) & AnyExecute) != 0 ? null : $"exists but is not executable; run chmod +x {path}";
    }
}
