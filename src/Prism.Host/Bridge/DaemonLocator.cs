using Prism.Platform;

namespace Prism.Host.Bridge;

/// <summary>
/// Finds tr-daemon in the order of daemon-protocol.md ("Sidecar resolution in the host"):
/// <list type="number">
/// <item><c>PRISM_DAEMON_PATH</c> when set (and then nothing else: an explicit choice is never replaced by a guess);</item>
/// <item><c>tr-daemon[.exe]</c> next to the host: a Tauri bundle and <c>tauri dev</c> strip the triple;</item>
/// <item><c>tr-daemon-&lt;triple&gt;[.exe]</c> next to the host;</item>
/// <item>only when running from source (a host that is not single-file/AOT): <c>tr-daemon-&lt;triple&gt;[.exe]</c> in
/// <c>src-tauri/binaries/</c> of the project found by walking up from the host's folder (from
/// <c>src-tauri/target/debug</c> that is the project root), then <c>src/Prism.Daemon/bin/&lt;configuration&gt;/&lt;tfm&gt;/tr-daemon.dll</c>
/// of the repository found the same way, this host's configuration first, run with <c>dotnet</c>.</item>
/// </list>
/// Nothing is looked for relative to the working directory, and a published host looks nowhere but next to itself:
/// whoever can create <c>src-tauri</c> in a folder above an installed host (on Windows any user can, in <c>C:\</c>)
/// or in the folder prism was started from would choose the program it runs.
/// A file without execute permission is skipped and reported (Tauri field problem: mode bits lost in CI artifacts).
/// A file that other users may change (<see cref="WritableByOthers"/>) stops the search with an error, the override
/// included: whoever may change the file chooses the program that receives the phone, PIN and codes, however it was named.
/// A <c>tr-daemon.dll</c> runs with the <c>dotnet</c> of <see cref="DotnetExecutable"/>, by its absolute path.
/// </summary>
internal static class DaemonLocator
{
    public const string SidecarName = "tr-daemon";

    private const string DaemonProjectFolder = "src/Prism.Daemon";
    private const string DaemonProject = DaemonProjectFolder + "/Prism.Daemon.csproj";
    private const string StagingLayout = "staging folder src-tauri/binaries";
    private const string BuildOutputLayout = "build output, run with dotnet";
    private const string NoDotnet = "found, but there is no dotnet to run it with in " + DotnetExecutable.Sources + "; install the .NET runtime or set DOTNET_ROOT";
    private static readonly string[] Configurations = ["Debug", "Release"];

    /// <summary>The launch spec of the first daemon found; throws <see cref="DaemonNotFoundException"/> listing every path tried.</summary>
    public static DaemonLaunchSpec Locate(LocatorFacts facts)
    {
        if (facts.OverridePath is { } overridePath)
        {
            return LocateOverride(Path.GetFullPath(overridePath, facts.CurrentDirectory), facts);
        }

        var tried = new List<TriedPath>();
        foreach (var (path, layout, trust) in ExecutableCandidates(facts))
        {
            if (Inspect(path, tried, layout, trust, executable: true, facts))
            {
                return new DaemonLaunchSpec(path, [], layout);
            }
        }

        var buildOutput = $"{DaemonProjectFolder}/bin/<configuration>/{facts.TargetFramework}/{SidecarName}.dll";
        if (!facts.RunningFromSource)
        {
            const string Published = "not tried: this prism is a published single-file/Native AOT executable, which runs only a tr-daemon next to itself";
            tried.Add(new TriedPath(Path.Combine("src-tauri", "binaries", SidecarFileNames.Staged(SidecarName, facts.Triple)), StagingLayout, Published));
            tried.Add(new TriedPath(buildOutput, "build output", Published));
            throw DaemonNotFoundException.NoneFound(tried);
        }

        if (NearestAncestorHolding(facts.HostDirectory, "src-tauri") is null)
        {
            tried.Add(new TriedPath(Path.Combine("src-tauri", "binaries", SidecarFileNames.Staged(SidecarName, facts.Triple)), StagingLayout, $"not tried: no src-tauri folder in {facts.HostDirectory} or above"));
        }

        if (NearestAncestorHolding(facts.HostDirectory, DaemonProject) is null)
        {
            tried.Add(new TriedPath(buildOutput, "build output", $"not tried: no {DaemonProject} in {facts.HostDirectory} or above"));
        }

        foreach (var path in BuildOutputCandidates(facts))
        {
            if (Inspect(path, tried, BuildOutputLayout, Trust.SourceTree, executable: false, facts))
            {
                if (facts.DotnetHost is { } dotnet)
                {
                    return new DaemonLaunchSpec(dotnet, [path], BuildOutputLayout);
                }

                tried[^1] = tried[^1] with { Outcome = NoDotnet };
            }
        }

        throw DaemonNotFoundException.NoneFound(tried);
    }

    /// <summary>The launcher's explicit choice: it must exist, be executable unless a dll, and be changeable by no one else.</summary>
    private static DaemonLaunchSpec LocateOverride(string path, LocatorFacts facts)
    {
        const string Layout = LocatorFacts.OverrideVariable;
        var tried = new List<TriedPath>();
        var dll = path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        if (!Inspect(path, tried, Layout, Trust.Chosen, executable: !dll, facts))
        {
            throw DaemonNotFoundException.OverrideMissing(tried.Single());
        }

        if (!dll)
        {
            return new DaemonLaunchSpec(path, [], Layout);
        }

        return facts.DotnetHost is { } dotnet
            ? new DaemonLaunchSpec(dotnet, [path], Layout + ", run with dotnet")
            : throw DaemonNotFoundException.OverrideMissing(tried.Single() with { Outcome = NoDotnet });
    }

    /// <summary>The native executables to try, in order: bundled name, staged name, then (from source) the staged name in src-tauri/binaries.</summary>
    private static IEnumerable<(string Path, string Layout, Trust Trust)> ExecutableCandidates(LocatorFacts facts)
    {
        yield return (Path.Combine(facts.HostDirectory, SidecarFileNames.Bundled(SidecarName, facts.Triple)), "bundled name next to prism", Trust.NextToHost);
        var staged = SidecarFileNames.Staged(SidecarName, facts.Triple);
        yield return (Path.Combine(facts.HostDirectory, staged), "staged name next to prism", Trust.NextToHost);
        if (facts.RunningFromSource && NearestAncestorHolding(facts.HostDirectory, "src-tauri") is { } projectRoot)
        {
            yield return (Path.Combine(projectRoot, "src-tauri", "binaries", staged), StagingLayout, Trust.SourceTree);
        }
    }

    /// <summary>tr-daemon.dll in the daemon project's build output, this host's configuration first.</summary>
    private static IEnumerable<string> BuildOutputCandidates(LocatorFacts facts)
    {
        if (NearestAncestorHolding(facts.HostDirectory, DaemonProject) is not { } repository)
        {
            return [];
        }

        return
            from configuration in Configurations.OrderBy(configuration => configuration == facts.Configuration ? 0 : 1)
            // GetFullPath turns the '/' of DaemonProjectFolder into '\' on Windows, so the path reads (and compares) as one.
            select Path.GetFullPath(Path.Combine(repository, DaemonProjectFolder, "bin", configuration, facts.TargetFramework, SidecarName + ".dll"));
    }

    /// <summary>The nearest ancestor (itself included) of <paramref name="start"/> that holds <paramref name="child"/>.</summary>
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

    /// <summary>
    /// Whether <paramref name="path"/> is a file to run: present, executable when <paramref name="executable"/>, and
    /// not changeable by other users as far as <paramref name="trust"/> asks. The outcome is added to
    /// <paramref name="tried"/>; a file others may change throws (the search stops: no other file is run instead).
    /// </summary>
    private static bool Inspect(string path, List<TriedPath> tried, string layout, Trust trust, bool executable, LocatorFacts facts)
    {
        const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        var problem =
            !File.Exists(path) ? Directory.Exists(path) ? "a folder, not a file" : "missing"
            : executable && !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & AnyExecute) == 0 ? $"exists but is not executable; run chmod +x {path}"
            : null;
        if (problem is null && WritableByOthers(path, groupCounts: trust != Trust.SourceTree && !HostChangeableByGroup(facts)) is { } writable)
        {
            tried.Add(new TriedPath(path, layout, $"refused: {writable}"));
            throw DaemonNotFoundException.Refused(tried);
        }

        tried.Add(new TriedPath(path, layout, problem ?? "found"));
        return problem is null;
    }

    /// <summary>
    /// Whether the host's own program (or its folder) may be changed by its group — umask 002 with per-user groups
    /// (Debian's and Ubuntu's default) makes <c>tauri dev</c>'s <c>target/debug</c> so. Then a daemon next to it that
    /// its group may change is no weaker a spot than the host itself: whoever could swap the daemon could swap prism.
    /// </summary>
    private static bool HostChangeableByGroup(LocatorFacts facts) =>
        File.Exists(facts.HostProgram) && WritableByOthers(facts.HostProgram, groupCounts: true) is not null;

    /// <summary>
    /// On Unix: what makes <paramref name="path"/> changeable by users other than its owner — the file, its folder,
    /// or (for a symbolic link) its target or the target's folder being world-writable, or group-writable when
    /// <paramref name="groupCounts"/> — or null. Windows is not checked (ACLs, not mode bits).
    /// </summary>
    internal static string? WritableByOthers(string path, bool groupCounts)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        var file = new FileInfo(path);
        var target = file.LinkTarget is null ? null : file.ResolveLinkTarget(returnFinalTarget: true)?.FullName;
        string?[] checkedPaths = [path, file.DirectoryName, target, target is null ? null : Path.GetDirectoryName(target)];
        foreach (var candidate in checkedPaths.OfType<string>().Distinct(StringComparer.Ordinal))
        {
            var mode = File.GetUnixFileMode(candidate);
            var who = (mode & UnixFileMode.OtherWrite) != 0 ? "every user"
                : groupCounts && (mode & UnixFileMode.GroupWrite) != 0 ? "its group"
                : null;
            if (who is not null)
            {
                var kind = Directory.Exists(candidate) ? "folder" : "file";
                return $"the {kind} {candidate} may be changed by {who} (mode {Convert.ToString((int)mode, 8)}), so whoever can write there would choose the program prism runs; "
                    + $"run chmod go-w {candidate}";
            }
        }

        return null;
    }

    /// <summary>How much a place is trusted, which decides whose write access refuses a daemon found there.</summary>
    private enum Trust
    {
        /// <summary>
        /// <c>PRISM_DAEMON_PATH</c>: the launcher chose the file, but a choice does not make it safe — held to the rule of
        /// a daemon next to the host (a leftover setting can name a file in <c>/tmp</c> as easily as one in a bundle).
        /// </summary>
        Chosen,

        /// <summary>
        /// Next to the host, where an installer or bundle put it: refused when anyone else may change it, or its group
        /// while the host itself is not changeable by its group.
        /// </summary>
        NextToHost,

        /// <summary>
        /// The source tree a from-source host runs in: refused only when anyone may change it. A group-writable tree
        /// (umask 002 with per-user groups, Debian's and Ubuntu's default) lets the group change the sources that are
        /// built and run anyway, so refusing its build output would protect nothing.
        /// </summary>
        SourceTree,
    }
}
