using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Prism.Host.Tests;

/// <summary>
/// The host's limits hold whatever its daemon does: with a stand-in that sends its ready line and then never answers
/// (as a deadlocked or wedged daemon would), a call answers 504 at its own limit, the next call is served by a new
/// daemon once the hung one is killed, and a stop waits the shutdown grace, kills the daemon with everything it
/// started and exits 0. On the JIT build and on every published host — natively, under qemu-user and under Wine.
/// Each stand-in would run for an hour: a host that waited for it would fail these tests by their patience, not pass late.
/// </summary>
public sealed class HungDaemonTests
{
    private const string BuildOutput = "build output (JIT)";

    /// <summary>The JIT build, then every published host (or the row that says none is listed).</summary>
    public static TheoryData<string> Hosts => new([BuildOutput, .. PublishedHost.Rows]);

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task A_call_the_daemon_never_answers_is_504_at_its_limit_and_the_next_call_is_served_by_a_new_daemon(string row)
    {
        using var folder = new TemporaryFolder();
        var published = row == BuildOutput ? null : PublishedHost.Resolve(row);
        var daemon = published?.Binary.Emulator is { IsWine: true }
            ? StandInDaemon.WriteForWine(folder, published)
            : StandInDaemon.Write(folder, """
                [ "$n" = 1 ] && exec sleep 3600
                while next; do
                    case "$request" in
                        *'"shutdown"'*) answer '{"status":"shutting_down"}'; exit 0 ;;
                        *) answer '{"status":"idle","has_saved_session":false,"version":"0.1.0"}' ;;
                    esac
                done
                """);
        try
        {
            await ServedByANewDaemonAfterA504Async(daemon, published);
        }
        finally
        {
            await daemon.RunningAfterAsync(TimeSpan.Zero);
        }
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task A_stop_waits_for_a_daemon_that_never_answers_only_its_grace_then_kills_it_and_prism_exits_0(string row)
    {
        using var folder = new TemporaryFolder();
        var published = row == BuildOutput ? null : PublishedHost.Resolve(row);
        var daemon = published?.Binary.Emulator is { IsWine: true }
            ? StandInDaemon.WriteForWine(folder, published)
            : StandInDaemon.Write(folder, "exec sleep 3600");
        try
        {
            await StoppedWithinTheGraceAsync(daemon, published);
        }
        finally
        {
            await daemon.RunningAfterAsync(TimeSpan.Zero);
        }
    }

    private static async Task ServedByANewDaemonAfterA504Async(StandInDaemon daemon, PublishedHost? published)
    {
        await using var host = await HostProcess.StartAsync(new Dictionary<string, string?> { ["PRISM_DAEMON_PATH"] = daemon.PathForHost }, published: published);

        using (var timedOut = await host.SendAsync(HttpMethod.Get, "/api/status"))
        {
            Assert.Equal(HttpStatusCode.GatewayTimeout, timedOut.StatusCode);
            var error = (await timedOut.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("error");
            Assert.Equal(1011, error.GetProperty("code").GetInt32());
            Assert.Equal("TIMEOUT", error.GetProperty("name").GetString());
            Assert.Equal("tr-daemon did not answer 'get_status' within 15 s; the request was cancelled. Try again.", error.GetProperty("message").GetString());
        }

        using var served = await host.SendAsync(HttpMethod.Get, "/api/status");

        Assert.True(served.StatusCode == HttpStatusCode.OK, $"The call after the hung one answered {(int)served.StatusCode}. The log:{Environment.NewLine}{host.Log}");
        Assert.Equal("idle", (await served.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("status").GetString());
        Assert.Equal(2, daemon.Started);
        await host.WaitForLogAsync(new Regex(@"left 'get_status' unanswered 10 s after it was cancelled: it is hung, so it is killed"));
        var left = await daemon.RunningAfterAsync(host.Patience, firstInstanceOnly: true);
        Assert.True(left.Count == 0, $"The hung daemon still runs: pid {string.Join(", ", left)}.");
    }

    private static async Task StoppedWithinTheGraceAsync(StandInDaemon daemon, PublishedHost? published)
    {
        await using var host = await HostProcess.StartAsync(new Dictionary<string, string?> { ["PRISM_DAEMON_PATH"] = daemon.PathForHost }, published: published);
        // A call that starts the daemon and then waits on it, as the stop begins.
        var waiting = host.SendAsync(HttpMethod.Get, "/api/status");
        await host.DaemonPidAsync();

        var log = await host.LogAfterExitAsync();

        using (var answer = await waiting)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
            var error = (await answer.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("error");
            Assert.Equal("prism is shutting down, so 'get_status' was not answered; start the app again.", error.GetProperty("message").GetString());
        }

        Assert.Matches(@"tr-daemon \(pid \d+\) did not shut down within 3 s \(.*\); killing it and every process it started", log);
        var left = await daemon.RunningAfterAsync(ProcessProbe.ExitPatience);
        Assert.True(left.Count == 0, $"The daemon outlived prism: pid {string.Join(", ", left)}.");
    }
}
