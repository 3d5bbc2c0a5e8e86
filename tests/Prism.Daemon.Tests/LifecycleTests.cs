using Prism.Daemon.Tests.Support;

namespace Prism.Daemon.Tests;

/// <summary>shutdown, SIGTERM, SIGHUP and Ctrl-C end the daemon in order (replies owed are flushed, exit code 0); a closed stdout ends it at once.</summary>
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
    public Task SIGTERM_makes_the_daemon_exit_0(string daemon) => UnixSignalEndsTheDaemonInOrderAsync(daemon, PosixSignals.Terminate, TestContext.Current.CancellationToken);

    /// <summary>A closed terminal or a parent's session ending sends SIGHUP: the same orderly stop, not a kill.</summary>
    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public Task SIGHUP_makes_the_daemon_exit_0(string daemon) => UnixSignalEndsTheDaemonInOrderAsync(daemon, PosixSignals.Hangup, TestContext.Current.CancellationToken);

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Ctrl_C_makes_the_daemon_exit_0(string daemon)
    {
        // SIGINT is Ctrl-C in a terminal; Wine turns it into the CTRL_C_EVENT a Windows console program receives.
        // A shell starts a background job (`cmd &`) with SIGINT ignored, and an ignored signal is inherited: then no
        // process this test starts can be stopped by Ctrl-C, which says nothing about the daemon.
        Assert.SkipWhen(SigintIgnoredByInheritance(), "This test process inherited SIGINT as ignored (a background job of a shell), so the daemon it starts inherits that too. Run the tests in the foreground to check Ctrl-C.");
        await SignalEndsTheDaemonInOrderAsync(DaemonTarget.Resolve(daemon), PosixSignals.Interrupt, TestContext.Current.CancellationToken);
    }

    /// <summary>Whether SIGINT is ignored in this process (Linux shows it; elsewhere it is taken as not ignored).</summary>
    private static bool SigintIgnoredByInheritance() =>
        OperatingSystem.IsLinux() && IgnoredSignals.Ignores(Environment.ProcessId, PosixSignals.Interrupt);

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task A_closed_stdout_ends_the_daemon_at_the_next_reply(string daemon)
    {
        var target = DaemonTarget.Resolve(daemon);
        Assert.SkipWhen(OperatingSystem.IsWindows() || target.IsWindows, "Windows' console streams ignore a closed pipe; a Windows daemon ends at stdin EOF.");
        await using var process = await DaemonProcess.StartReadyAsync(target, TestContext.Current.CancellationToken);

        await process.CloseOutputAsync();
        await process.SendLineAsync("""{"method":"get_status","params":{},"id":"into-nothing"}""");

        Assert.Equal(1, await process.WaitForExitAsync());
        Assert.Contains("Lost stdout", await process.StderrAfterExitAsync(), StringComparison.Ordinal);
    }

    /// <summary>
    /// A stdin every read of which fails — a file opened for writing only. On Unix each read gets EBADF, which .NET
    /// reports as UnauthorizedAccessException, not as the IOException of a broken pipe: it once escaped the transport
    /// unhandled, an abort (exit 134, a core file); now the failure is logged, the input ends like EOF, and the daemon
    /// exits 70. Windows' console stream reports the handle as invalid with an IOException: stdin lost, exit 1 — once
    /// that too ended the connection with the replies owed; now it is logged as the same failure of reading first.
    /// </summary>
    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task A_stdin_that_cannot_be_read_ends_the_daemon_with_a_log_line_and_a_non_zero_exit_not_an_abort(string daemon)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "The write-only stdin is opened by /bin/sh.");
        var target = DaemonTarget.Resolve(daemon);
        var (exitCode, ending) = target.IsWindows ? (1, "Lost stdin") : (70, "exiting 70");
        await using var process = await DaemonProcess.StartReadyAsync(target, new DaemonSetup(WriteOnlyStdin: true), TestContext.Current.CancellationToken);

        Assert.Empty(await process.ReadToEndAsync());
        Assert.Equal(exitCode, await process.WaitForExitAsync());
        var log = await process.StderrAfterExitAsync();
        Assert.Contains("Reading input failed", log, StringComparison.Ordinal);
        Assert.Contains(ending, log, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", log, StringComparison.Ordinal);
    }

    private static Task UnixSignalEndsTheDaemonInOrderAsync(string daemon, int signal, CancellationToken testCancelled)
    {
        var target = DaemonTarget.Resolve(daemon);
        Assert.SkipWhen(target.IsWindows, "A Windows program gets no SIGTERM or SIGHUP (under Wine the signal kills the process outright); it stops in order on Ctrl-C, which Ctrl_C_makes_the_daemon_exit_0 checks.");
        return SignalEndsTheDaemonInOrderAsync(target, signal, testCancelled);
    }

    private static async Task SignalEndsTheDaemonInOrderAsync(DaemonTarget target, int signal, CancellationToken testCancelled)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "A signal cannot be sent to a process from Windows.");
        await using var process = await DaemonProcess.StartReadyAsync(target, testCancelled);
        await process.SendLineAsync("""{"method":"get_status","params":{},"id":"before"}""");
        Reply.AssertResult((await process.ReadLineAsync())!, "\"before\"");

        PosixSignals.Send(process.Id, signal);

        Assert.Empty(await process.ReadToEndAsync());
        Assert.Equal(0, await process.WaitForExitAsync());
        Assert.Contains("stopping after the replies still owed", await process.StderrAfterExitAsync(), StringComparison.Ordinal);
    }
}
