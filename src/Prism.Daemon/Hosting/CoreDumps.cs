using System.Runtime.InteropServices;
using Prism.Daemon.Storage;

namespace Prism.Daemon.Hosting;

/// <summary>
/// The daemon holds a PIN, codes and session cookies in memory, so it writes no core file and (Linux) is not
/// dumpable: no core on a crash, and other processes of the same user can neither attach to it nor read its memory
/// through <c>/proc</c>. macOS takes the core limit; attaching there is governed by the code signature (a hardened
/// runtime without <c>get-task-allow</c>), not by the process. Windows writes no core file of its own.
/// </summary>
internal static class CoreDumps
{
    /// <summary>Applies what this OS allows; returns what could not be applied, to be logged (never fatal: the daemon still works).</summary>
    public static IReadOnlyList<string> Prevent()
    {
        var problems = new List<string>();
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return problems;
        }

        // Soft and hard limit 0: nothing the daemon starts could raise it again.
        if (PosixCalls.SetResourceLimit(PosixCalls.RlimitCore, new PosixCalls.ResourceLimit { Current = 0, Maximum = 0 }) != 0)
        {
            problems.Add($"Could not turn core files off (setrlimit: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}); a crash may write one holding the session.");
        }

        if (OperatingSystem.IsLinux() && PosixCalls.SetProcessOption(PosixCalls.PrSetDumpable, 0, 0, 0, 0) != 0)
        {
            problems.Add($"Could not make the process non-dumpable (prctl: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}); other processes of this user may read its memory.");
        }

        return problems;
    }
}
