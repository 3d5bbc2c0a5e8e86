namespace Prism.TestSupport;

/// <summary>
/// Which signals a Linux process ignores, as the kernel shows them (<c>SigIgn</c> of /proc/pid/status). An ignored
/// signal is inherited: a shell's background job starts with SIGINT ignored, and so does everything it starts.
/// </summary>
public static class IgnoredSignals
{
    /// <summary>Whether process <paramref name="pid"/> ignores signal number <paramref name="signal"/> (Linux only).</summary>
    public static bool Ignores(int pid, int signal)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(text => text.StartsWith("SigIgn:", StringComparison.Ordinal));
        return (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & (1UL << (signal - 1))) != 0;
    }
}
