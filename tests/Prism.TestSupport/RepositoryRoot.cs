namespace Prism.TestSupport;

/// <summary>The repository the tests run from, and the parts of it tests read as people do (its README).</summary>
public static class RepositoryRoot
{
    /// <summary>The folder holding global.json, found by walking up from the test binaries.</summary>
    public static string Path { get; } = Find();

    /// <summary>
    /// README.md's section with the heading <paramref name="heading"/> (e.g. "## In your Tauri app"): that line and
    /// everything after it up to the next heading of its level or above, outside code blocks (a shell comment in one
    /// is no heading).
    /// </summary>
    public static string ReadmeSection(string heading)
    {
        var lines = File.ReadAllLines(System.IO.Path.Combine(Path, "README.md"));
        var level = heading.TakeWhile(character => character == '#').Count();
        var inCode = false;
        int? start = null;
        var end = lines.Length;
        for (var index = 0; index < lines.Length; index++)
        {
            if (lines[index].StartsWith("```", StringComparison.Ordinal))
            {
                inCode = !inCode;
                continue;
            }

            if (inCode)
            {
                continue;
            }

            if (start is null && lines[index] == heading)
            {
                start = index;
            }
            else if (start is not null && lines[index].StartsWith('#') && lines[index].TakeWhile(character => character == '#').Count() <= level)
            {
                end = index;
                break;
            }
        }

        return start is { } found
            ? string.Join('\n', lines[found..end])
            : throw new InvalidOperationException($"README.md has no heading line '{heading}'.");
    }

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "global.json")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No global.json above {AppContext.BaseDirectory}: run the tests from the repository.");
    }
}
