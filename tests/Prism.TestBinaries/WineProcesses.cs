namespace Prism.TestBinaries;

/// <summary>
/// Finds the Linux process of a Windows program under Wine. Wine starts a Windows child with a double fork (it is no
/// Linux descendant of its parent) and the program reports its Windows pid, so neither the process tree nor the
/// number leads to it. What does: Wine shows the program's Windows path as the process's command line, and a child
/// inherits its parent's Linux environment — so a marker variable the test put in the environment of the process it
/// started names every program that process started.
/// </summary>
internal static class WineProcesses
{
    /// <summary>The pid of the running process of <paramref name="fileName"/> that carries <paramref name="marker"/> (<c>NAME=value</c>), or null.</summary>
    public static int? Find(string fileName, string marker)
    {
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid))
            {
                continue;
            }

            try
            {
                // A zombie's command line is empty: an exited process does not count.
                if (File.ReadAllText(Path.Combine(folder, "cmdline")).Contains(fileName, StringComparison.OrdinalIgnoreCase)
                    && File.ReadAllText(Path.Combine(folder, "environ")).Split('\0').Contains(marker, StringComparer.Ordinal))
                {
                    return pid;
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile, or another user's: not ours.
            }
        }

        return null;
    }
}
