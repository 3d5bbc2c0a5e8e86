using System.Xml.Linq;

namespace Prism.Pipeline.Tools;

/// <summary>The projects a project builds with: itself and, transitively, every project it references.</summary>
internal static class ProjectReferences
{
    /// <summary>The full paths of <paramref name="project"/> and of every project it references, directly or not (those that exist).</summary>
    public static IReadOnlyList<string> Closure(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([Path.GetFullPath(project)]);
        while (pending.TryPop(out var current))
        {
            if (!File.Exists(current) || !seen.Add(current))
            {
                continue;
            }

            foreach (var reference in XDocument.Load(current).Descendants("ProjectReference"))
            {
                var include = reference.Attribute("Include")?.Value.Replace('\\', '/');
                if (include is not null)
                {
                    pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(current)!, include)));
                }
            }
        }

        return [.. seen.Order(StringComparer.Ordinal)];
    }
}
