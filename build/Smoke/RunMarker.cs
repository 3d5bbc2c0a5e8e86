namespace Prism.Pipeline.Smoke;

/// <summary>
/// An environment variable set for one smoke run. Every process the binary starts inherits it — natively, through a
/// qemu launcher script and under Wine alike — so the processes a run left behind (a daemon its host did not stop) are
/// found by it afterwards, on Linux through <c>/proc</c>.
/// </summary>
internal sealed record RunMarker(string Name, string Value)
{
    public static RunMarker New() => new("PRISM_SMOKE_RUN", Guid.NewGuid().ToString("N"));

    /// <summary>Whether this machine can tell (Linux); elsewhere <see cref="SurvivorsAfterAsync"/> finds nothing.</summary>
    public static bool CanScan => OperatingSystem.IsLinux();

    /// <summary>
    /// The processes that still carry the marker once <paramref name="grace"/> has passed (a daemon told to shut down
    /// may take a moment), each as "pid N: command line"; they are killed, so a failed run leaves nothing behind.
    /// </summary>
    public async Task<IReadOnlyList<string>> SurvivorsAfterAsync(TimeSpan grace)
    {
        var deadline = DateTime.UtcNow + grace;
        var survivors = Scan();
        while (survivors.Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200));
            survivors = Scan();
        }

        foreach (var (pid, _) in survivors)
        {
            try
            {
                System.Diagnostics.Process.GetProcessById(pid).Kill();
            }
            catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Gone by itself in the meantime.
            }
        }

        return [.. survivors.Select(survivor => $"pid {survivor.Pid}: {survivor.CommandLine}")];
    }

    /// <summary>The processes that carry the marker now (this one excepted), each with its command line; none where <see cref="CanScan"/> is false.</summary>
    public IReadOnlyList<(int Pid, string CommandLine)> Carriers() => Scan();

    private List<(int Pid, string CommandLine)> Scan()
    {
        if (!CanScan)
        {
            return [];
        }

        var variable = $"{Name}={Value}";
        return
        [
            .. Directory.EnumerateDirectories("/proc")
                .Select(folder => (Folder: folder, Pid: int.TryParse(Path.GetFileName(folder), out var pid) ? pid : 0))
                .Where(process => process.Pid > 0 && process.Pid != Environment.ProcessId)
                .Where(process => ReadOrEmpty(Path.Combine(process.Folder, "environ")).Split('\0').Contains(variable, StringComparer.Ordinal))
                .Select(process => (process.Pid, ReadOrEmpty(Path.Combine(process.Folder, "cmdline")).Replace('\0', ' ').Trim())),
        ];
    }

    /// <summary>A /proc file's text, or empty when the process is gone or not ours.</summary>
    private static string ReadOrEmpty(string file)
    {
        try
        {
            return File.ReadAllText(file);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
