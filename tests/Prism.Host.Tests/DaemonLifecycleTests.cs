using System.Net;

namespace Prism.Host.Tests;

/// <summary>The daemon's lifecycle under the real host: restart after a crash, and no orphan when the host dies.</summary>
public sealed class DaemonLifecycleTests
{
    [Fact]
    public async Task After_the_daemon_crashes_the_next_call_starts_a_new_one_and_succeeds()
    {
        await using var host = await HostProcess.StartAsync();
        using (var first = await host.SendAsync(HttpMethod.Get, "/api/status"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var crashed = await host.CrashDaemonAsync();

        using var afterCrash = await host.SendAsync(HttpMethod.Get, "/api/status");

        Assert.Equal(HttpStatusCode.OK, afterCrash.StatusCode);
        Assert.NotEqual(crashed, await host.DaemonPidAsync(nth: 1));
    }

    [Fact]
    public async Task Killing_the_host_with_sigkill_leaves_no_daemon_behind()
    {
        await using var host = await HostProcess.StartAsync();
        using (var status = await host.SendAsync(HttpMethod.Get, "/api/status"))
        {
            Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        }

        var daemonPid = await host.DaemonPidAsync();

        // Process.Kill without the tree is SIGKILL of the host alone: nothing of the host runs to stop the daemon.
        host.Process.Kill(entireProcessTree: false);

        Assert.True(await ProcessProbe.WaitUntilGoneAsync(daemonPid, ProcessProbe.ExitPatience), $"tr-daemon (pid {daemonPid}) still runs {ProcessProbe.ExitPatience.TotalSeconds} s after its host was killed");
    }
}
