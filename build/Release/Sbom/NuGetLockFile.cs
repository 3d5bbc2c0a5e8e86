using System.Text.Json;
using Prism.Pipeline.Engine;

namespace Prism.Pipeline.Release.Sbom;

/// <summary>
/// A project's <c>packages.lock.json</c>: per target framework (and <c>framework/rid</c>), each package's resolved version
/// and content hash (the SHA-512 of its .nupkg, base64). Project references are not packages and are left out.
/// </summary>
internal sealed class NuGetLockFile
{
    private readonly Dictionary<string, Dictionary<string, (string Version, string Sha512)>> targets;

    private NuGetLockFile(string path, Dictionary<string, Dictionary<string, (string, string)>> targets)
    {
        Path = path;
        this.targets = targets;
    }

    public string Path { get; }

    public static NuGetLockFile Read(string path)
    {
        if (!File.Exists(path))
        {
            throw BuildException.Failure($"{path} is missing: a release lists the packages of each sidecar from its NuGet lock file. " +
                "Restore with lock files (RestorePackagesWithLockFile) and commit them.");
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var targets = new Dictionary<string, Dictionary<string, (string, string)>>(StringComparer.OrdinalIgnoreCase);
        foreach (var target in document.RootElement.GetProperty("dependencies").EnumerateObject())
        {
            targets[target.Name] = target.Value.EnumerateObject()
                .Where(package => package.Value.GetProperty("type").GetString() != "Project")
                .ToDictionary(package => package.Name,
                    package => (package.Value.GetProperty("resolved").GetString()!, package.Value.GetProperty("contentHash").GetString()!),
                    StringComparer.OrdinalIgnoreCase);
        }

        return new NuGetLockFile(path, targets);
    }

    /// <summary>The packages of <paramref name="framework"/> for <paramref name="rid"/>: the framework's own, with its RID section's on top.</summary>
    public IReadOnlyDictionary<string, (string Version, string Sha512)> For(string framework, string rid)
    {
        var packages = new Dictionary<string, (string, string)>(targets.GetValueOrDefault(framework) ?? [], StringComparer.OrdinalIgnoreCase);
        foreach (var (id, package) in targets.GetValueOrDefault($"{framework}/{rid}") ?? [])
        {
            packages[id] = package;
        }

        return packages;
    }
}
