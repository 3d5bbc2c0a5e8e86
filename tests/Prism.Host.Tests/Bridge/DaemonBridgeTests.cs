using Prism.Host.Bridge;
using Prism.Protocol;
using Serilog;

namespace Prism.Host.Tests.Bridge;

/// <summary>The bridge's start failures, with stand-in daemons (shell scripts) that misbehave the way real ones can.</summary>
public sealed class DaemonBridgeTests : IDisposable
{
    /// <summary>
    /// Short limits for what the tests wait out, but a start limit a stand-in shell meets on a loaded machine: only
    /// the test of that limit shortens it.
    /// </summary>
    private static readonly BridgeOptions FastOptions = BridgeOptions.For(dataDirectory: null) with
    {
        ReadyTimeout = TimeSpan.FromSeconds(60),
        CancelAnswerLimit = TimeSpan.FromSeconds(1),
        FirstRestartDelay = TimeSpan.FromMilliseconds(10),
    };

    /// <summary>
    /// How long a test waits for what must end within a limit of seconds: far beyond those limits on a busy machine,
    /// far short of the hour a stand-in would keep a host waiting that had no limit of its own.
    /// </summary>
    private static readonly TimeSpan UnboundedWait = TimeSpan.FromSeconds(90);

    /// <summary>Milliseconds after which a test that can only hang when the bridge waits without a limit (its disposal included) fails instead.</summary>
    private const int HangBound = 240_000;

    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task A_daemon_silent_past_the_ready_timeout_fails_the_call_quoting_its_stderr()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "The stand-in daemon is a shell script.");
        var script = folder.Script("tr-daemon", "echo 'loading something slow' >&2\nexec sleep 60");
        await using var bridge = new DaemonBridge(() => new DaemonLaunchSpec(script, [], "test"), FastOptions with { ReadyTimeout = TimeSpan.FromSeconds(2) }, new LoggerConfiguration().CreateLogger());

        var error = await Assert.ThrowsAsync<DaemonStartException>(() => bridge.CallAsync(DaemonCalls.GetStatus, new EmptyParams(), TestContext.Current.CancellationToken));

        Assert.Contains("no ready line within 2 s", error.Message, StringComparison.Ordinal);
        Assert.Contains("loading something slow", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_daemon_that_exits_before_its_ready_line_fails_the_call_with_its_exit_code_and_stderr()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "The stand-in daemon is a shell script.");
        var script = folder.Script("tr-daemon", "echo 'cannot open data folder' >&2\nexit 3");
        await using var bridge = new DaemonBridge(() => new DaemonLaunchSpec(script, [], "test"), FastOptions, new LoggerConfiguration().CreateLogger());

        var error = await Assert.ThrowsAsync<DaemonStartException>(() => bridge.CallAsync(DaemonCalls.GetStatus, new EmptyParams(), TestContext.Current.CancellationToken));

        Assert.Contains("exited with code 3 before its ready line", error.Message, StringComparison.Ordinal);
        Assert.Contains("cannot open data folder", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_program_whose_first_line_is_not_the_ready_notification_is_refused()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "The stand-in daemon is a shell script.");
        var script = folder.Script("tr-daemon", "echo 'Hello, I am not tr-daemon'\nexec sleep 60");
        await using var bridge = new DaemonBridge(() => new DaemonLaunchSpec(script, [], "test"), FastOptions, new LoggerConfiguration().CreateLogger());

        var error = await Assert.ThrowsAsync<DaemonStartException>(() => bridge.CallAsync(DaemonCalls.GetStatus, new EmptyParams(), TestContext.Current.CancellationToken));

        Assert.Contains("its first stdout line was not a 'ready' notification", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = HangBound)]
    public async Task A_call_the_daemon_leaves_unanswered_fails_at_the_calls_own_time_limit_though_the_cancellation_is_never_answered()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "The stand-in daemon is a shell script.");
        // Reads nothing after its ready line and never exits by itself, as a wedged daemon: StreamJsonRpc's call waits
        // for an answer to its $/cancelRequest that never comes.
        var daemon = StandInDaemon.Write(folder, "exec sleep 3600");
        await using var bridge = new DaemonBridge(() => new DaemonLaunchSpec(daemon.Path, [], "test"), FastOptions, new LoggerConfiguration().CreateLogger());
        var quickStatus = DaemonCalls.GetStatus with { Timeout = TimeSpan.FromSeconds(1) };

        var error = await Assert.ThrowsAsync<DaemonTimeoutException>(() => bridge.CallAsync(quickStatus, new EmptyParams(), TestContext.Current.CancellationToken))
            .WaitAsync(UnboundedWait, TestContext.Current.CancellationToken);

        Assert.Equal("tr-daemon did not answer 'get_status' within 1 s; the request was cancelled. Try again.", error.Message);
    }

    [Fact(Timeout = HangBound)]
    public async Task A_daemon_that_never_answers_a_cancelled_call_is_killed_and_the_next_call_gets_a_new_one_with_the_session_restored()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "The stand-in daemon is a shell script.");
        var daemon = StandInDaemon.Write(folder, """
            if [ "$n" = 1 ]; then
                next; answer '{"status":"authenticated","restored":true}'
                next; exec sleep 3600
            fi
            while next; do
                case "$request" in
                    *'"login"'*) answer '{"status":"authenticated","restored":true}' ;;
                    *) answer '{"status":"authenticated","has_saved_session":true,"version":"0.1.0"}' ;;
                esac
            done
            """);
        await using var bridge = new DaemonBridge(() => new DaemonLaunchSpec(daemon.Path, [], "test"), FastOptions, new LoggerConfiguration().CreateLogger());
        await bridge.CallAsync(DaemonCalls.Login, new LoginParams("+491701234567", "6093"), TestContext.Current.CancellationToken);
        await Assert.ThrowsAsync<DaemonTimeoutException>(() => bridge.CallAsync(DaemonCalls.GetStatus with { Timeout = TimeSpan.FromSeconds(1) }, new EmptyParams(), TestContext.Current.CancellationToken))
            .WaitAsync(UnboundedWait, TestContext.Current.CancellationToken);

        var status = await bridge.CallAsync(DaemonCalls.GetStatus, new EmptyParams(), TestContext.Current.CancellationToken);

        Assert.Equal(SessionStatus.Authenticated, status.Status);
        Assert.Equal(2, daemon.Started);
        Assert.True(await ProcessProbe.WaitUntilGoneAsync(daemon.Pid(1), ProcessProbe.ExitPatience), "the hung tr-daemon still runs");
        var restore = System.Text.Json.JsonDocument.Parse(daemon.Requests(2)[0]).RootElement;
        Assert.Equal("login", restore.GetProperty("method").GetString());
        var parameters = restore.GetProperty("params");
        Assert.Equal(["phone", "restore_only"], parameters.EnumerateObject().Select(parameter => parameter.Name));
        Assert.Equal("+491701234567", parameters.GetProperty("phone").GetString());
        Assert.True(parameters.GetProperty("restore_only").GetBoolean());
    }

    [Fact(Timeout = HangBound)]
    public async Task A_daemon_that_answers_the_cancellation_keeps_serving()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "The stand-in daemon is a shell script.");
        // Leaves the first call to its time limit, answers the $/cancelRequest for it as StreamJsonRpc does, then serves.
        var daemon = StandInDaemon.Write(folder, """
            next
            next; printf '{"jsonrpc":"2.0","id":%s,"error":{"code":-32800,"message":"Request cancelled"}}\n' "$id"
            while next; do answer '{"status":"idle","has_saved_session":false,"version":"0.1.0"}'; done
            """);
        // A patient limit for the answer to the cancellation: a shell on a busy machine is slow, but not hung.
        await using var bridge = new DaemonBridge(() => new DaemonLaunchSpec(daemon.Path, [], "test"), FastOptions with { CancelAnswerLimit = UnboundedWait },
            new LoggerConfiguration().CreateLogger());
        await Assert.ThrowsAsync<DaemonTimeoutException>(() => bridge.CallAsync(DaemonCalls.GetStatus with { Timeout = TimeSpan.FromSeconds(1) }, new EmptyParams(), TestContext.Current.CancellationToken));

        var status = await bridge.CallAsync(DaemonCalls.GetStatus, new EmptyParams(), TestContext.Current.CancellationToken);

        Assert.Equal(SessionStatus.Idle, status.Status);
        Assert.Equal(1, daemon.Started);
        Assert.Contains("\"method\":\"$/cancelRequest\"", daemon.Requests(1)[1], StringComparison.Ordinal);
    }

    [Fact(Timeout = HangBound)]
    public async Task Stopping_kills_a_daemon_that_never_answers_shutdown_and_every_process_it_started_after_the_grace()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "The stand-in daemon is a shell script.");
        // Starts a child of its own, answers one call, then neither reads nor exits any more.
        var daemon = StandInDaemon.Write(folder, """
            sleep 3600 &
            echo "$!" > "$state/child"
            next; answer '{"status":"idle","has_saved_session":false,"version":"0.1.0"}'
            exec sleep 3600
            """);
        var bridge = new DaemonBridge(() => new DaemonLaunchSpec(daemon.Path, [], "test"), FastOptions, new LoggerConfiguration().CreateLogger());
        await bridge.CallAsync(DaemonCalls.GetStatus, new EmptyParams(), TestContext.Current.CancellationToken);
        var child = int.Parse(File.ReadAllText(Path.Combine(folder.Path, "tr-daemon.state", "child")), System.Globalization.CultureInfo.InvariantCulture);

        await bridge.DisposeAsync().AsTask().WaitAsync(UnboundedWait, TestContext.Current.CancellationToken);

        Assert.True(await ProcessProbe.WaitUntilGoneAsync(daemon.Pid(1), ProcessProbe.ExitPatience), "the daemon outlived the stop");
        Assert.True(await ProcessProbe.WaitUntilGoneAsync(child, ProcessProbe.ExitPatience), "the daemon's child outlived the stop");
    }

    [Fact]
    public async Task A_slow_daemon_start_does_not_use_up_the_calls_own_time_limit()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "The stand-in daemon is a shell script.");
        // Starts slower than the call may take (as a cold or emulated daemon does), then answers the request it reads.
        // The call's limit is generous for the answer itself (a shell and sed on a busy machine); only the start exceeds it.
        var daemon = StandInDaemon.Write(folder, """
            next; answer '{"status":"idle","has_saved_session":false,"version":"0.1.0"}'
            exec sleep 60
            """, beforeReady: "sleep 7");
        await using var bridge = new DaemonBridge(() => new DaemonLaunchSpec(daemon.Path, [], "test"), FastOptions with { ReadyTimeout = TimeSpan.FromSeconds(30) },
            new LoggerConfiguration().CreateLogger());
        var quickStatus = DaemonCalls.GetStatus with { Timeout = TimeSpan.FromSeconds(5) };

        var status = await bridge.CallAsync(quickStatus, new EmptyParams(), TestContext.Current.CancellationToken);

        Assert.Equal(SessionStatus.Idle, status.Status);
    }

    [Fact]
    public void Restart_delay_doubles_per_failure_in_a_row_up_to_the_maximum()
    {
        var options = BridgeOptions.For(dataDirectory: null);

        Assert.Equal(
            [0, 250, 500, 1000, 2000, 4000, 5000, 5000],
            Enumerable.Range(0, 8).Select(failures => options.RestartDelay(failures).TotalMilliseconds));
    }
}
