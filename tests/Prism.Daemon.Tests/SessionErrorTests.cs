using Prism.Daemon.Tests.Support;
using Prism.FakeTradeRepublic;

namespace Prism.Daemon.Tests;

/// <summary>Every failure Trade Republic can cause answers the contract's code with <c>data.reason</c>, and the daemon keeps serving.</summary>
public sealed class SessionErrorTests
{
    private static string Code(string code) => $$"""{"token":"{{code}}"}""";

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Wrong_pin_is_login_rejected_with_the_servers_code(string daemon)
    {
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken);

        var data = await rig.CallFailingAsync("login", 1002, SessionRig.LoginParams(pin: "0000"));

        Assert.Equal(FakeAccount.WrongPinCode, data.GetProperty("reason").GetString());
        await rig.LogInAsync();
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Wrong_code_is_code_invalid_and_the_right_code_still_completes_the_login(string daemon)
    {
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken);
        await rig.CallAsync("login", SessionRig.LoginParams());

        var data = await rig.CallFailingAsync("confirm_2fa", 1004, Code("111111"));

        Assert.Equal("VALIDATION_CODE_INVALID", data.GetProperty("reason").GetString());
        Assert.Equal("waiting_2fa", (await rig.CallAsync("get_status")).GetProperty("status").GetString());
        Assert.Equal("authenticated", (await rig.CallAsync("confirm_2fa", Code(FakeAccount.AuthenticatorCode))).GetProperty("status").GetString());
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Expired_process_is_login_expired_and_leaves_the_daemon_idle(string daemon)
    {
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken);
        await rig.CallAsync("login", SessionRig.LoginParams());
        rig.Server.Scenario.ProcessGone = true;

        var data = await rig.CallFailingAsync("confirm_2fa", 1005, Code(FakeAccount.AuthenticatorCode));

        Assert.Equal("PROCESS_GONE", data.GetProperty("reason").GetString());
        Assert.Equal("idle", (await rig.CallAsync("get_status")).GetProperty("status").GetString());
        await rig.CallFailingAsync("confirm_2fa", 1006, Code(FakeAccount.AuthenticatorCode));
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Rejected_app_approval_is_login_rejected(string daemon)
    {
        await using var rig = await SessionRig.StartWaitingForAppApprovalAsync(daemon, FakeApproval.Rejects, TestContext.Current.CancellationToken);

        var data = await rig.CallFailingAsync("confirm_2fa", 1002);

        Assert.Equal("REJECTED", data.GetProperty("reason").GetString());
        Assert.Equal("idle", (await rig.CallAsync("get_status")).GetProperty("status").GetString());
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task App_approval_that_runs_out_of_time_is_login_expired(string daemon)
    {
        await using var rig = await SessionRig.StartWaitingForAppApprovalAsync(daemon, FakeApproval.LetsItExpire, TestContext.Current.CancellationToken);

        await rig.CallFailingAsync("confirm_2fa", 1005);

        Assert.Equal("idle", (await rig.CallAsync("get_status")).GetProperty("status").GetString());
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Cancelled_app_approval_wait_leaves_the_daemon_idle_and_ready_for_a_new_login(string daemon)
    {
        await using var rig = await SessionRig.StartWaitingForAppApprovalAsync(daemon, FakeApproval.NeverAnswers, TestContext.Current.CancellationToken);

        await rig.Daemon.SendLineAsync("""{"jsonrpc":"2.0","method":"confirm_2fa","params":{},"id":"wait"}""");
        var status = await rig.CallAsync("get_status");
        await rig.Daemon.SendLineAsync("""{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":"wait"}}""");

        Assert.Equal("waiting_2fa", status.GetProperty("status").GetString());
        Reply.AssertError(await rig.ReplyAsync("\"wait\""), -32800, idJson: "\"wait\"");
        Assert.Equal("idle", (await rig.CallAsync("get_status")).GetProperty("status").GetString());
        await rig.CallFailingAsync("confirm_2fa", 1006);
        rig.Server.Scenario.SecondFactor = FakeSecondFactor.AuthenticatorCode;
        await rig.LogInAsync();
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Too_many_requests_without_a_wait_is_rate_limited_with_no_wait_invented_and_never_retried(string daemon)
    {
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken);
        rig.Server.Scenario.RateLimited = true;

        var data = await rig.CallFailingAsync("login", 1003, SessionRig.LoginParams());

        Assert.Equal("TOO_MANY_REQUESTS", data.GetProperty("reason").GetString());
        Assert.False(data.TryGetProperty("retry_after_s", out var wait), $"Trade Republic named no wait, yet the error says {wait}");
        Assert.Equal(1, rig.Server.LoginRequests);
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Outdated_app_version_is_client_outdated(string daemon)
    {
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken);
        rig.Server.Scenario.ClientOutdated = true;

        var data = await rig.CallFailingAsync("login", 1009, SessionRig.LoginParams());

        Assert.Equal("CLIENT_VERSION_OUTDATED", data.GetProperty("reason").GetString());
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Load_balancer_block_of_the_v1_login_is_upstream_blocked(string daemon)
    {
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken, new Dictionary<string, string> { ["PRISM_TR_LOGIN_API"] = "v1" });

        await rig.CallFailingAsync("login", 1008, SessionRig.LoginParams());

        Assert.Equal("idle", (await rig.CallAsync("get_status")).GetProperty("status").GetString());
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Unanswered_login_is_timeout(string daemon)
    {
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken, new Dictionary<string, string> { ["PRISM_TR_TIMEOUT_S"] = "2" });
        rig.Server.Scenario.Unresponsive = true;

        await rig.CallFailingAsync("login", 1011, SessionRig.LoginParams());

        rig.Server.Scenario.Unresponsive = false;
        await rig.LogInAsync();
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Portfolio_error_frame_is_upstream_error_with_the_servers_code(string daemon)
    {
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken);
        await rig.LogInAsync();
        rig.Server.Scenario.PortfolioError = true;

        var data = await rig.CallFailingAsync("fetch_portfolio", 1010);

        Assert.Equal(FakeAccount.PortfolioErrorCode, data.GetProperty("reason").GetString());
        Assert.Equal("authenticated", (await rig.CallAsync("get_status")).GetProperty("status").GetString());
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Expired_session_is_not_authenticated_and_deletes_the_saved_session(string daemon)
    {
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken);
        await rig.LogInAsync();
        rig.Server.ExpireSessions();

        await rig.CallFailingAsync("fetch_portfolio", 1001);

        var status = await rig.CallAsync("get_status");
        Assert.Equal("idle", status.GetProperty("status").GetString());
        Assert.False(status.GetProperty("has_saved_session").GetBoolean());
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Saved_session_that_expired_meanwhile_fails_to_restore_and_is_deleted(string daemon)
    {
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken);
        await rig.LogInAsync();
        await rig.RestartDaemonAsync();
        rig.Server.ExpireSessions();

        await rig.CallFailingAsync("login", 1007, SessionRig.LoginParams(restoreOnly: true));

        Assert.Empty(rig.SessionFiles());
        Assert.Equal("waiting_2fa", (await rig.CallAsync("login", SessionRig.LoginParams())).GetProperty("status").GetString());
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Damaged_session_file_is_reported_once_deleted_and_treated_as_absent(string daemon)
    {
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken);
        await rig.LogInAsync();
        await rig.RestartDaemonAsync();
        File.WriteAllText(Assert.Single(rig.SessionFiles()), "{ not json");

        await rig.CallFailingAsync("login", 1007, SessionRig.LoginParams(restoreOnly: true));
        await rig.CallFailingAsync("login", 1007, SessionRig.LoginParams(restoreOnly: true));

        Assert.Empty(rig.SessionFiles());
        // Once in the whole log of that daemon: read after it has ended, so a second report cannot still be on its way.
        var reporter = rig.Daemon;
        await rig.RestartDaemonAsync();
        var log = await reporter.StderrAfterExitAsync();
        Assert.Contains("Deleted the damaged saved session", log, StringComparison.Ordinal);
        Assert.Single(log.Split('\n'), line => line.Contains("damaged saved session", StringComparison.Ordinal));
        await rig.LogInAsync();
        await rig.RestartDaemonAsync();
        Assert.True((await rig.CallAsync("login", SessionRig.LoginParams(restoreOnly: true))).GetProperty("restored").GetBoolean());
    }
}
