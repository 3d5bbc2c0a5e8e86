using System.Xml.Linq;

namespace Prism.Pipeline.Release.Sbom;

/// <summary>
/// The licence a package declares in its .nuspec: an SPDX expression (<c>&lt;license type="expression"&gt;</c>), a file
/// inside the package (<c>type="file"</c>), or only the deprecated <c>&lt;licenseUrl&gt;</c>; or none at all.
/// </summary>
internal sealed record PackageLicence(string? Expression, string? File, string? Url)
{
    public static PackageLicence None { get; } = new(null, null, null);

    /// <summary>Reads <c>&lt;packages&gt;/&lt;id&gt;/&lt;version&gt;/&lt;id&gt;.nuspec</c> (NuGet's folder layout: lower-case id and version).</summary>
    public static PackageLicence Read(string packagesFolder, string id, string version)
    {
        var folder = Path.Combine(packagesFolder, id.ToLowerInvariant(), version.ToLowerInvariant());
        var nuspec = Path.Combine(folder, id.ToLowerInvariant() + ".nuspec");
        if (!System.IO.File.Exists(nuspec))
        {
            throw new FileNotFoundException($"{id} {version} is not in the NuGet package folder {packagesFolder} (no {nuspec}).", nuspec);
        }

        var metadata = XDocument.Load(nuspec).Root?.Elements().FirstOrDefault(element => element.Name.LocalName == "metadata");
        var licence = metadata?.Elements().FirstOrDefault(element => element.Name.LocalName == "license");
        var url = metadata?.Elements().FirstOrDefault(element => element.Name.LocalName == "licenseUrl")?.Value.Trim();
        return (licence?.Attribute("type")?.Value, licence?.Value.Trim()) switch
        {
            ("expression", { Length: > 0 } expression) => new PackageLicence(expression, null, url),
            ("file", { Length: > 0 } file) => new PackageLicence(null, file, url),
            _ => new PackageLicence(null, null, string.IsNullOrEmpty(url) ? null : url),
        };
    }
}
