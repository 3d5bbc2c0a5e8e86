using Prism.Daemon.Tests.Support;
using Prism.FakeTradeRepublic;

namespace Prism.Daemon.Tests;

/// <summary>
/// The logins Trade Republic answers differently by late 2026 (../shared/reference/trade-republic-api.md, "What the
/// service does differently"): each as a scenario of the fake, driven through the real daemon.
/// </summary>
public sealed class LoginVariantTests
{
    private static readonly string RightCode = $$"""{"token":"{{FakeAccount.AuthenticatorCode}}"}""";

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Confirmation_that_sets_only_tr_refresh_is_exchanged_for_a_session(string daemon)
    {
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken);
        rig.Server.Scenario.SessionOnlyAfterExchange = true;

        await rig.LogInAsync();

        Assert.Equal("authenticated", (await rig.CallAsync("get_status")).GetProperty("status").GetString());
        Assert.Equal(FakeAccount.ExpectedPortfolio, FakeAccount.Describe(await rig.CallAsync("fetch_portfolio")));
        await rig.AssertNoSecretLeakedAsync();
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Accepted_code_that_still_needs_an_app_approval_waits_for_it_and_says_so(string daemon)
    {
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken);
        rig.Server.Scenario.ApprovalAfterCode = true;
        rig.Server.Scenario.Approval = FakeApproval.NeverAnswers;
        Assert.Equal("authenticator_code", (await rig.CallAsync("login", SessionRig.LoginParams())).GetProperty("second_factor").GetString());

        await rig.Daemon.SendLineAsync($$"""{"jsonrpc":"2.0","method":"confirm_2fa","params":{{RightCode}},"id":"code"}""");
        var waiting = await rig.StatusWhenAsync(status => status.TryGetProperty("second_factor", out var factor) && factor.GetString() == "app_approval", "second_factor app_approval");
        Assert.Equal("waiting_2fa", waiting.GetProperty("status").GetString());
        Assert.True(waiting.GetProperty("expires_at").GetDateTimeOffset() > DateTimeOffset.UtcNow);
        rig.Server.Scenario.Approval = FakeApproval.Approves;

        Assert.Equal("authenticated", Reply.AssertResult(await rig.ReplyAsync("\"code\""), "\"code\"").GetProperty("status").GetString());
        Assert.Equal(FakeAccount.ExpectedPortfolio, FakeAccount.Describe(await rig.CallAsync("fetch_portfolio")));
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task App_approval_after_a_code_is_cancellable_and_leaves_the_daemon_idle(string daemon)
    {
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken);
        rig.Server.Scenario.ApprovalAfterCode = true;
        rig.Server.Scenario.Approval = FakeApproval.NeverAnswers;
        await rig.CallAsync("login", SessionRig.LoginParams());

        await rig.Daemon.SendLineAsync($$"""{"jsonrpc":"2.0","method":"confirm_2fa","params":{{RightCode}},"id":"code"}""");
        await rig.StatusWhenAsync(status => status.TryGetProperty("second_factor", out var factor) && factor.GetString() == "app_approval", "second_factor app_approval");
        await rig.Daemon.SendLineAsync("""{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":"code"}}""");

        Reply.AssertError(await rig.ReplyAsync("\"code\""), -32800, idJson: "\"code\"");
        Assert.Equal("idle", (await rig.CallAsync("get_status")).GetProperty("status").GetString());
        await rig.CallFailingAsync("confirm_2fa", 1006);
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task App_approval_after_a_code_ends_when_its_window_closes(string daemon)
    {
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken);
        rig.Server.Scenario.ApprovalAfterCode = true;
        rig.Server.Scenario.Approval = FakeApproval.LetsItExpire;
        await rig.CallAsync("login", SessionRig.LoginParams());

        await rig.CallFailingAsync("confirm_2fa", 1005, RightCode);

        Assert.Equal("idle", (await rig.CallAsync("get_status")).GetProperty("status").GetString());
        Assert.Empty(rig.SessionFiles());
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task App_approval_after_a_code_that_the_user_rejects_is_login_rejected(string daemon)
    {
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken);
        rig.Server.Scenario.ApprovalAfterCode = true;
        rig.Server.Scenario.Approval = FakeApproval.Rejects;
        await rig.CallAsync("login", SessionRig.LoginParams());

        var data = await rig.CallFailingAsync("confirm_2fa", 1002, RightCode);

        Assert.Equal("REJECTED", data.GetProperty("reason").GetString());
        Assert.Equal("idle", (await rig.CallAsync("get_status")).GetProperty("status").GetString());
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Approved_status_counts_as_a_confirmed_login(string daemon)
    {
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken);
        rig.Server.Scenario.SecondFactor = FakeSecondFactor.AppApproval;
        rig.Server.Scenario.ConfirmedStatus = "APPROVED";
        await rig.CallAsync("login", SessionRig.LoginParams());

        Assert.Equal("authenticated", (await rig.CallAsync("confirm_2fa")).GetProperty("status").GetString());
        Assert.Equal("authenticated", (await rig.CallAsync("get_status")).GetProperty("status").GetString());
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task App_version_refused_with_422_is_client_outdated_and_the_setting_it_names_fixes_it(string daemon)
    {
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken);
        rig.Server.Scenario.UnsupportedAppVersion = FakeAccount.PytrAppVersion;

        var line = await rig.SendAsync("login", SessionRig.LoginParams());

        var message = Reply.AssertError(line, 1009, idJson: "1");
        Assert.Contains("PRISM_TR_APP_VERSION", message, StringComparison.Ordinal);
        Assert.Equal("MOBILE_APP_VERSION_NOT_SUPPORTED", Reply.Parse(line).GetProperty("error").GetProperty("data").GetProperty("reason").GetString());
        Assert.Equal("idle", (await rig.CallAsync("get_status")).GetProperty("status").GetString());

        await rig.RestartDaemonAsync(new Dictionary<string, string> { ["PRISM_TR_APP_VERSION"] = "2.2650.4" });
        await rig.LogInAsync();
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Rate_limit_with_next_attempt_in_seconds_passes_the_wait_on_and_is_never_retried(string daemon)
    {
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken);
        rig.Server.Scenario.NextAttemptInSeconds = 47;

        var data = await rig.CallFailingAsync("login", 1003, SessionRig.LoginParams());

        Assert.Equal("TOO_MANY_REQUESTS", data.GetProperty("reason").GetString());
        Assert.Equal(47, data.GetProperty("retry_after_s").GetInt32());
        Assert.Equal(1, rig.Server.LoginRequests);
    }
}
