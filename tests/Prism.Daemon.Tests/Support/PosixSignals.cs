using System.Runtime.InteropServices;

namespace Prism.Daemon.Tests.Support;

/// <summary>Sends a Unix signal to a process, as a terminal, a service manager or a parent does.</summary>
internal static class PosixSignals
{
    public const int Hangup = 1;
    public const int Interrupt = 2;
    public const int Terminate = 15;

    public static void Send(int pid, int signal) =>
        Assert.True(Kill(pid, signal) == 0, $"kill({pid}, {signal}) failed with errno {Marshal.GetLastPInvokeError()}.");

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
