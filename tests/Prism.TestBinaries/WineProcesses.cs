namespace Prism.TestBinaries;

/// <summary>
/// Finds the Linux process of a Windows program under Wine. Wine starts a Windows child with a double fork (it is no
/// Linux descendant of its parent) and the program reports its Windows pid, so neither the process tree nor the
/// number leads to it. What does: Wine shows the program's command line as the process's, and hands the Windows
/// environment block down as the Linux environment — so the data folder a test gave the program names it.
/// </summary>
internal static class WineProcesses
{
    private const string DataDirectoryVariable = "PRISM_DATA_DIR";

    /// <summary>The pid of the running process of <paramref name="fileName"/> whose PRISM_DATA_DIR is <paramref name="dataDirectory"/>, or null.</summary>
    public static int? Find(string fileName, string dataDirectory)
    {
        var wanted = $"{DataDirectoryVariable}={dataDirectory}";
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid))
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(folder, "cmdline")).Contains(fileName, StringComparison.OrdinalIgnoreCase)
                    && File.ReadAllText(Path.Combine(folder, "environ")).Split('\0').Contains(wanted, StringComparer.Ordinal))
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
