using System.Runtime.InteropServices;
using Prism.Daemon.Tests.Support;

namespace Prism.Daemon.Tests;

/// <summary>shutdown, SIGTERM and Ctrl-C end the daemon in order: replies owed are flushed, exit code 0.</summary>
public sealed class LifecycleTests
{
    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Shutdown_is_answered_then_the_daemon_exits_0(string daemon)
    {
        await using var process = await DaemonProcess.StartReadyAsync(DaemonTarget.Resolve(daemon), TestContext.Current.CancellationToken);

        await process.SendLineAsync("""{"method":"shutdown","params":{},"id":"bye"}""");
        var lines = await process.ReadToEndAsync();

        var result = Reply.AssertResult(Assert.Single(lines), "\"bye\"");
        Assert.Equal("shutting_down", result.GetProperty("status").GetString());
        Assert.Equal(0, await process.WaitForExitAsync());
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task SIGTERM_makes_the_daemon_exit_0(string daemon)
    {
        var target = DaemonTarget.Resolve(daemon);
        Assert.SkipWhen(target.IsWindows, "A Windows program gets no SIGTERM (under Wine the signal kills the process outright); it stops in order on Ctrl-C, which Ctrl_C_makes_the_daemon_exit_0 checks.");
        await AssertSignalStopsInOrderAsync(target, Sigterm, TestContext.Current.CancellationToken);
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Ctrl_C_makes_the_daemon_exit_0(string daemon) =>
        // SIGINT is Ctrl-C in a terminal; Wine turns it into the CTRL_C_EVENT a Windows console program receives.
        await AssertSignalStopsInOrderAsync(DaemonTarget.Resolve(daemon), Sigint, TestContext.Current.CancellationToken);

    private static async Task AssertSignalStopsInOrderAsync(DaemonTarget target, int signal, CancellationToken testCancelled)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "A signal cannot be sent to a process from Windows.");
        await using var process = await DaemonProcess.StartReadyAsync(target, testCancelled);
        await process.SendLineAsync("""{"method":"get_status","params":{},"id":"before"}""");
        Reply.AssertResult((await process.ReadLineAsync())!, "\"before\"");

        Assert.Equal(0, Kill(process.Id, signal));

        Assert.Empty(await process.ReadToEndAsync());
        Assert.Equal(0, await process.WaitForExitAsync());
        Assert.Contains("stopping after the replies still owed", process.Stderr, StringComparison.Ordinal);
    }

    private const int Sigint = 2;
    private const int Sigterm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
