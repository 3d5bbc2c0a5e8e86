using Prism.Host.Bridge;
using Prism.Protocol;
using Serilog;

namespace Prism.Host.Tests.Bridge;

/// <summary>The bridge's start failures, with stand-in daemons (shell scripts) that misbehave the way real ones can.</summary>
public sealed class DaemonBridgeTests : IDisposable
{
    private static readonly BridgeOptions FastOptions = BridgeOptions.For(dataDirectory: null) with
    {
        ReadyTimeout = TimeSpan.FromSeconds(2),
        FirstRestartDelay = TimeSpan.FromMilliseconds(10),
    };

    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task A_daemon_silent_past_the_ready_timeout_fails_the_call_quoting_its_stderr()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "The stand-in daemon is a shell script.");
        var script = folder.Script("tr-daemon", "echo 'loading something slow' >&2\nexec sleep 60");
        await using var bridge = new DaemonBridge(() => new DaemonLaunchSpec(script, [], "test"), FastOptions, new LoggerConfiguration().CreateLogger());

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

    [Fact]
    public async Task A_call_the_daemon_leaves_unanswered_fails_after_the_calls_own_time_limit()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "The stand-in daemon is a shell script.");
        var ready = """{"jsonrpc":"2.0","method":"ready","params":{"version":"0.1.0","pid":1,"protocol":1},"status":"ready","pid":1}""";
        var script = folder.Script("tr-daemon", $"echo '{ready}'\nexec sleep 60");
        await using var bridge = new DaemonBridge(() => new DaemonLaunchSpec(script, [], "test"), FastOptions, new LoggerConfiguration().CreateLogger());
        var quickStatus = DaemonCalls.GetStatus with { Timeout = TimeSpan.FromSeconds(1) };

        var error = await Assert.ThrowsAsync<DaemonTimeoutException>(() => bridge.CallAsync(quickStatus, new EmptyParams(), TestContext.Current.CancellationToken));

        Assert.Equal("tr-daemon did not answer 'get_status' within 1 s; the request was cancelled. Try again.", error.Message);
    }

    [Fact]
    public async Task A_slow_daemon_start_does_not_use_up_the_calls_own_time_limit()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "The stand-in daemon is a shell script.");
        // Starts slower than the call may take (as a cold or emulated daemon does), then answers the request it reads.
        // The call's limit is generous for the answer itself (a shell and sed on a busy machine); only the start exceeds it.
        var ready = """{"jsonrpc":"2.0","method":"ready","params":{"version":"0.1.0","pid":1,"protocol":1},"status":"ready","pid":1}""";
        var result = """{"status":"idle","has_saved_session":false,"version":"0.1.0"}""";
        var script = folder.Script("tr-daemon", $$"""
            sleep 7
            echo '{{ready}}'
            read -r request
            id=$(printf '%s' "$request" | sed 's/.*"id":\([0-9]*\).*/\1/')
            echo '{"jsonrpc":"2.0","id":'"$id"',"result":{{result}}}'
            exec sleep 60
            """);
        await using var bridge = new DaemonBridge(() => new DaemonLaunchSpec(script, [], "test"), FastOptions with { ReadyTimeout = TimeSpan.FromSeconds(30) },
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
