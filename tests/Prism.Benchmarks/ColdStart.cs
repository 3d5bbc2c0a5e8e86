using System.Diagnostics;

namespace Prism.Benchmarks;

/// <summary>
/// Times spawn → first reply over fresh processes: for the daemon its answer to <c>get_status</c> on stdout, for
/// the host the answer to <c>GET /api/health</c> at the URL of its ready line. Reads block on purpose: async reads
/// add thread-pool hops that would be measured as the program's start-up.
/// </summary>
internal static class ColdStart
{
    /// <summary>Milliseconds of each run, after one unmeasured run that brings the file into the page cache.</summary>
    public static IReadOnlyList<double> Measure(Subject subject, int runs)
    {
        Func<Subject, double> once = subject.Kind == SubjectKind.Daemon ? DaemonFirstReply.Measure : HostFirstReply.Measure;
        once(subject);
        return [.. Enumerable.Range(0, runs).Select(_ => once(subject))];
    }

    /// <summary>Closes the program's stdin — both sidecars exit on EOF — and insists on a clean exit.</summary>
    public static void EndByStdinEof(Process process, Subject subject)
    {
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{subject.Label} ({subject.FileName}) did not exit within 30 s after its stdin closed.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{subject.Label} ({subject.FileName}) exited with {process.ExitCode} after answering.");
        }
    }
}
