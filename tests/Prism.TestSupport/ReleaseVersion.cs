using System.Xml.Linq;

namespace Prism.TestSupport;

/// <summary>
/// The release version as people set it: the <c>&lt;Version&gt;</c> in the repository's Directory.Build.props, read
/// from the file itself, so a sidecar that reports any other version fails its test.
/// </summary>
public static class ReleaseVersion
{
    public static string Value { get; } = Read();

    private static string Read()
    {
        var props = Path.Combine(RepositoryRoot.Path, "Directory.Build.props");
        return XDocument.Load(props).Descendants("Version").FirstOrDefault()?.Value.Trim()
            ?? throw new InvalidOperationException($"{props} has no <Version>.");
    }
}
