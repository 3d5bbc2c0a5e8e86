using Prism.Daemon.Tests.Support;
using Prism.FakeTradeRepublic;

namespace Prism.Daemon.Tests;

/// <summary>
/// The seed plan's checklist against a fake Trade Republic: login, second factor (both kinds), authenticated,
/// portfolio; restart restores without a second factor; logout ends restoring.
/// </summary>
public sealed class SessionFlowTests
{
    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Authenticator_code_login_then_portfolio(string daemon)
    {
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken);

        var login = await rig.CallAsync("login", SessionRig.LoginParams());
        Assert.Equal("waiting_2fa", login.GetProperty("status").GetString());
        Assert.Equal("authenticator_code", login.GetProperty("second_factor").GetString());
        Assert.True(login.GetProperty("countdown").GetInt32() > 0);
        var waiting = await rig.CallAsync("get_status");
        Assert.Equal("waiting_2fa", waiting.GetProperty("status").GetString());
        Assert.Equal("authenticator_code", waiting.GetProperty("second_factor").GetString());
        Assert.True(waiting.GetProperty("expires_at").GetDateTimeOffset() > DateTimeOffset.UtcNow);

        var confirmed = await rig.CallAsync("confirm_2fa", $$"""{"token":"{{FakeAccount.AuthenticatorCode}}"}""");
        Assert.Equal("authenticated", confirmed.GetProperty("status").GetString());
        var status = await rig.CallAsync("get_status");
        Assert.Equal("authenticated", status.GetProperty("status").GetString());
        Assert.True(status.GetProperty("has_saved_session").GetBoolean());

        await AssertPortfolioAsync(rig);
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task App_approval_login_waits_until_the_user_approves(string daemon)
    {
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken);
        rig.Server.Scenario.SecondFactor = FakeSecondFactor.AppApproval;

        var login = await rig.CallAsync("login", SessionRig.LoginParams());
        Assert.Equal("app_approval", login.GetProperty("second_factor").GetString());

        Assert.Equal("authenticated", (await rig.CallAsync("confirm_2fa")).GetProperty("status").GetString());
        await AssertPortfolioAsync(rig);
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Sms_code_login_over_v1_when_configured_and_not_blocked(string daemon)
    {
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken, new Dictionary<string, string> { ["PRISM_TR_LOGIN_API"] = "v1" });
        rig.Server.Scenario.V1Blocked = false;

        Assert.Equal("sms_code", (await rig.CallAsync("login", SessionRig.LoginParams())).GetProperty("second_factor").GetString());
        Assert.Equal("authenticated", (await rig.CallAsync("confirm_2fa", $$"""{"token":"{{FakeAccount.SmsCode}}"}""")).GetProperty("status").GetString());
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Restarted_daemon_restores_the_saved_session_without_a_second_factor(string daemon)
    {
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken);
        await rig.LogInAsync();

        await rig.RestartDaemonAsync();
        var status = await rig.CallAsync("get_status");
        Assert.Equal("idle", status.GetProperty("status").GetString());
        Assert.True(status.GetProperty("has_saved_session").GetBoolean());
        var loginsBefore = rig.Server.LoginRequests;

        var restored = await rig.CallAsync("login", SessionRig.LoginParams(restoreOnly: true));

        Assert.Equal("authenticated", restored.GetProperty("status").GetString());
        Assert.True(restored.GetProperty("restored").GetBoolean());
        Assert.Equal(loginsBefore, rig.Server.LoginRequests);
        await AssertPortfolioAsync(rig);
    }

    /// <summary>A launcher that restores after a crash need not keep the PIN; a login that may sign in anew still needs it.</summary>
    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task A_restore_needs_no_pin_but_a_login_does(string daemon)
    {
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken);
        await rig.LogInAsync();
        await rig.RestartDaemonAsync();

        await rig.CallFailingAsync("login", -32602, SessionRig.LoginParams(pin: null));
        var restored = await rig.CallAsync("login", SessionRig.LoginParams(restoreOnly: true, pin: null));

        Assert.True(restored.GetProperty("restored").GetBoolean());
        await rig.CallAsync("logout");
        await rig.CallFailingAsync("login", 1007, SessionRig.LoginParams(restoreOnly: true, pin: null));
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Login_without_restore_only_also_restores_first(string daemon)
    {
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken);
        await rig.LogInAsync();
        await rig.RestartDaemonAsync();

        var restored = await rig.CallAsync("login", SessionRig.LoginParams());

        Assert.True(restored.GetProperty("restored").GetBoolean());
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Logout_deletes_the_saved_session_so_restoring_fails(string daemon)
    {
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken);
        await rig.LogInAsync();

        Assert.Equal("logged_out", (await rig.CallAsync("logout")).GetProperty("status").GetString());

        Assert.Empty(rig.SessionFiles());
        var status = await rig.CallAsync("get_status");
        Assert.Equal("idle", status.GetProperty("status").GetString());
        Assert.False(status.GetProperty("has_saved_session").GetBoolean());
        await rig.CallFailingAsync("login", 1007, SessionRig.LoginParams(restoreOnly: true));
        await rig.CallFailingAsync("fetch_portfolio", 1001);
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Saved_session_is_one_file_named_without_the_phone_number(string daemon)
    {
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken);
        await rig.LogInAsync();

        var file = Assert.Single(rig.SessionFiles());

        Assert.DoesNotContain(FakeAccount.Phone[1..], Path.GetFileName(file), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(rig.DataDirectory, "*.tmp"));
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Saved_session_is_owner_only_in_an_owner_only_folder_it_created(string daemon)
    {
        var target = DaemonTarget.Resolve(daemon);
        Assert.SkipUnless(target.HasUnixModes, $"Unix modes do not apply to {target.Label}: on Windows the session file is private through the user profile's ACLs.");
        Assert.SkipWhen(OperatingSystem.IsWindows(), "This machine (Windows) cannot read Unix modes.");

        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken);
        await rig.LogInAsync();

        var file = Assert.Single(rig.SessionFiles());

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(rig.DataDirectory));
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Nothing_touches_the_network_or_the_data_folder_at_start(string daemon)
    {
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken);

        var status = await rig.CallAsync("get_status");

        Assert.Equal("idle", status.GetProperty("status").GetString());
        Assert.False(status.GetProperty("has_saved_session").GetBoolean());
        Assert.Equal(0, rig.Server.LoginRequests);
        Assert.Empty(Directory.GetFileSystemEntries(rig.DataDirectory));
    }

    /// <summary>
    /// The fake's portfolio after its delta frame (12.5, not the first payload's 10), positions of all categories, decimals
    /// as written; prices from the LSX tickers (the first after its delta frame, 80.12 not 79.9) with quantity × price as
    /// value, and none for the position not traded on LSX.
    /// </summary>
    private static async Task AssertPortfolioAsync(SessionRig rig)
    {
        var portfolio = await rig.CallAsync("fetch_portfolio");

        Assert.Equal(FakeAccount.ExpectedPortfolio, FakeAccount.Describe(portfolio));
    }
}
