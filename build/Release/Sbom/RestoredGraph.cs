using System.Text.Json;
using Prism.Pipeline.Engine;

namespace Prism.Pipeline.Release.Sbom;

/// <summary>
/// What a restore for one runtime resolved, read from the project's <c>obj/project.assets.json</c>: the packages of the
/// <c>framework/rid</c> target (with their SHA-512) and the packs the SDK downloads beside them (runtime packs,
/// crossgen2), with the NuGet package folder that holds them all.
/// </summary>
internal sealed record RestoredGraph(string PackagesFolder, IReadOnlyList<(string Id, string Version, string Sha512)> Packages,
    IReadOnlyList<(string Id, string Version)> DownloadedPacks)
{
    public static RestoredGraph Read(string assetsPath, string framework, string rid)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(assetsPath));
        var root = document.RootElement;
        var targetName = $"{framework}/{rid}";
        if (!root.GetProperty("targets").TryGetProperty(targetName, out var target))
        {
            throw BuildException.Failure($"{assetsPath} has no target {targetName}: the restore for {rid} did not run as expected.");
        }

        var libraries = root.GetProperty("libraries");
        var packages = target.EnumerateObject()
            .Where(entry => entry.Value.GetProperty("type").GetString() == "package")
            .Select(entry =>
            {
                var (id, version) = Split(entry.Name);
                return (id, version, libraries.GetProperty(entry.Name).GetProperty("sha512").GetString()!);
            })
            .ToList();
        var project = root.GetProperty("project");
        var downloads = project.GetProperty("frameworks").GetProperty(framework).TryGetProperty("downloadDependencies", out var list)
            ? list.EnumerateArray().Select(download => (download.GetProperty("name").GetString()!, ExactVersion(download.GetProperty("version").GetString()!))).ToList()
            : [];
        return new RestoredGraph(project.GetProperty("restore").GetProperty("packagesPath").GetString()!, packages, downloads);
    }

    private static (string Id, string Version) Split(string library)
    {
        var slash = library.IndexOf('/', StringComparison.Ordinal);
        return (library[..slash], library[(slash + 1)..]);
    }

    /// <summary>A download dependency's version is an exact range, "[10.0.12, 10.0.12]".</summary>
    private static string ExactVersion(string range) => range.Trim('[', ']', '(', ')').Split(',')[0].Trim();
}
