using System.Xml.Linq;

namespace Prism.Tests;

/// <summary>
/// The release version as people set it: the <c>&lt;Version&gt;</c> in the repository's Directory.Build.props, read
/// from the file itself, so a sidecar that reports any other version fails its test. Linked into the test projects.
/// </summary>
internal static class ReleaseVersion
{
    public static string Value { get; } = Read();

    private static string Read()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var props = Path.Combine(folder.FullName, "Directory.Build.props");
            if (File.Exists(props) && XDocument.Load(props).Descendants("Version").FirstOrDefault() is { } version)
            {
                return version.Value.Trim();
            }
        }

        throw new InvalidOperationException($"No Directory.Build.props with a <Version> above {AppContext.BaseDirectory}.");
    }
}
