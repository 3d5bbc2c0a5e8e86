using System.Xml.Linq;
using Prism.Pipeline.Tools;

namespace Prism.Pipeline.LockFiles;

/// <summary>
/// Where the NuGet lock files of the repository's projects are: <c>packages.lock.json</c> beside every project, and
/// beside each project compiled into a Native AOT sidecar one <c>packages.aot.&lt;rid&gt;.lock.json</c> per runtime
/// (src/Directory.Build.props says why an AOT publish restores on its own). NuGet's locked mode writes a missing lock
/// file instead of refusing, so the build looks for them itself.
/// </summary>
internal static class ProjectLockFiles
{
    public const string FileName = "packages.lock.json";

    public static string AotFileName(string rid) => $"packages.aot.{rid}.lock.json";

    /// <summary>The project files a <c>.slnx</c> solution lists, as full paths.</summary>
    public static IReadOnlyList<string> SolutionProjects(string solution) =>
        [.. XDocument.Load(solution).Descendants("Project")
            .Select(project => project.Attribute("Path")?.Value)
            .OfType<string>()
            .Select(path => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(solution)!, path.Replace('\\', '/'))))];

    /// <summary>The <c>packages.lock.json</c> files missing beside <paramref name="projects"/>.</summary>
    public static IReadOnlyList<string> Missing(IEnumerable<string> projects) =>
        [.. projects.Select(project => Path.Combine(Path.GetDirectoryName(project)!, FileName)).Where(lockFile => !File.Exists(lockFile))];

    /// <summary>The lock files a Native AOT publish of <paramref name="project"/> for <paramref name="rid"/> restores with: one beside it and each project it references.</summary>
    public static IReadOnlyList<string> ForAot(string project, string rid) =>
        [.. ProjectReferences.Closure(project).Select(referenced => Path.Combine(Path.GetDirectoryName(referenced)!, AotFileName(rid)))];

    /// <summary>Those of <see cref="ForAot"/> that do not exist.</summary>
    public static IReadOnlyList<string> MissingForAot(string project, string rid) => [.. ForAot(project, rid).Where(lockFile => !File.Exists(lockFile))];
}
