using System.Runtime.InteropServices;
using Prism.Daemon.Tests.Support;

namespace Prism.Daemon.Tests;

/// <summary>shutdown and SIGTERM end the daemon in order: replies owed are flushed, exit code 0.</summary>
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
        Assert.SkipWhen(OperatingSystem.IsWindows(), "SIGTERM cannot be sent to a process on Windows.");
        await using var process = await DaemonProcess.StartReadyAsync(DaemonTarget.Resolve(daemon), TestContext.Current.CancellationToken);
        await process.SendLineAsync("""{"method":"get_status","params":{},"id":"before"}""");
        Reply.AssertResult((await process.ReadLineAsync())!, "\"before\"");

        Assert.Equal(0, Kill(process.Id, Sigterm));

        Assert.Empty(await process.ReadToEndAsync());
        Assert.Equal(0, await process.WaitForExitAsync());
    }

    private const int Sigterm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
