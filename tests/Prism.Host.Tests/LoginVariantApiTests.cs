using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Prism.FakeTradeRepublic;

namespace Prism.Host.Tests;

/// <summary>
/// The logins and session ends Trade Republic answers differently by late 2026, through the real host's API with
/// its real daemon and the fake's scenarios — as the page (or anyone holding the token) would meet them.
/// </summary>
public sealed class LoginVariantApiTests
{
    private static readonly object Credentials = new { phone = FakeAccount.Phone, pin = FakeAccount.Pin };

    /// <summary>Sessions idle for a second are refreshed before their next use (PRISM_TR_REFRESH_AFTER_S), so tests need not wait 290 s.</summary>
    private static readonly Dictionary<string, string?> RefreshAfterOneSecond = new() { ["PRISM_TR_REFRESH_AFTER_S"] = "1" };

    private static readonly TimeSpan IdleBeyondRefresh = TimeSpan.FromSeconds(2.5);

    [Fact]
    public async Task Code_then_app_approval_with_only_tr_refresh_and_APPROVED_ends_signed_in()
    {
        await using var rig = await FakeTradeRepublicHost.StartAsync();
        await ThroughCodeAndApprovalAsync(rig);

        Assert.Equal(FakeAccount.ExpectedPortfolio, FakeAccount.Describe(await rig.GetAsync("/api/portfolio", HttpStatusCode.OK)));
        await rig.AssertNoSecretInLogAsync();
    }

    [Fact]
    public async Task Logout_while_confirm_waits_for_the_app_approval_cancels_the_login_at_once()
    {
        await using var rig = await FakeTradeRepublicHost.StartAsync();
        await LogoutDuringApprovalAsync(rig);
    }

    [Fact]
    public async Task Rate_limit_with_next_attempt_in_seconds_is_429_with_Retry_After()
    {
        await using var rig = await FakeTradeRepublicHost.StartAsync();
        rig.Server.Scenario.NextAttemptInSeconds = 47;

        using var response = await rig.Host.SendAsync(HttpMethod.Post, "/api/login", content: JsonContent.Create(Credentials));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(47), response.Headers.RetryAfter?.Delta);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("error");
        Assert.Equal(1003, error.GetProperty("code").GetInt32());
        Assert.Equal("RATE_LIMITED", error.GetProperty("name").GetString());
        Assert.Equal(1, rig.Server.LoginRequests);
    }

    [Fact]
    public async Task Rate_limit_without_a_wait_is_429_without_Retry_After()
    {
        await using var rig = await FakeTradeRepublicHost.StartAsync();
        rig.Server.Scenario.RateLimited = true;

        using var response = await rig.Host.SendAsync(HttpMethod.Post, "/api/login", content: JsonContent.Create(Credentials));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Null(response.Headers.RetryAfter);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("error");
        Assert.Equal(1003, error.GetProperty("code").GetInt32());
        Assert.Equal("RATE_LIMITED", error.GetProperty("name").GetString());
        Assert.Equal(1, rig.Server.LoginRequests);
    }

    [Fact]
    public async Task App_version_refused_with_422_is_CLIENT_OUTDATED_naming_the_setting()
    {
        await using var rig = await FakeTradeRepublicHost.StartAsync();
        rig.Server.Scenario.UnsupportedAppVersion = FakeAccount.PytrAppVersion;

        var error = (await rig.PostAsync("/api/login", Credentials, HttpStatusCode.BadGateway)).GetProperty("error");

        Assert.Equal(1009, error.GetProperty("code").GetInt32());
        Assert.Equal("CLIENT_OUTDATED", error.GetProperty("name").GetString());
        Assert.Contains("PRISM_TR_APP_VERSION", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task App_version_set_by_PRISM_TR_APP_VERSION_reaches_trade_republic()
    {
        await using var rig = await FakeTradeRepublicHost.StartAsync(daemonSettings: new Dictionary<string, string?> { ["PRISM_TR_APP_VERSION"] = "2.2650.4" });
        rig.Server.Scenario.UnsupportedAppVersion = FakeAccount.PytrAppVersion;

        Assert.Equal("authenticated", (await rig.LogInAgainIfNeededAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Session_ended_on_the_websocket_is_401_and_signs_out()
    {
        await using var rig = await FakeTradeRepublicHost.StartAsync();
        await SessionEndsOnTheSocketAsync(rig);
    }

    [Fact]
    public async Task Session_refused_at_its_refresh_is_401_and_signs_out()
    {
        await using var rig = await FakeTradeRepublicHost.StartAsync(daemonSettings: RefreshAfterOneSecond);
        await rig.LogInAgainIfNeededAsync();
        await Task.Delay(IdleBeyondRefresh, TestContext.Current.CancellationToken);
        rig.Server.ExpireSessions();

        var error = (await rig.GetAsync("/api/portfolio", HttpStatusCode.Unauthorized)).GetProperty("error");

        Assert.Equal("NOT_AUTHENTICATED", error.GetProperty("name").GetString());
        AssertSignedOut(await rig.GetAsync("/api/status", HttpStatusCode.OK));
    }

    [Fact]
    public async Task Cookies_replaced_at_a_refresh_are_what_a_new_daemon_restores_after_a_crash()
    {
        await using var rig = await FakeTradeRepublicHost.StartAsync(daemonSettings: RefreshAfterOneSecond);
        await RefreshedSessionSurvivesACrashAsync(rig);
        await rig.AssertNoSecretInLogAsync();
    }

    /// <summary>
    /// The published host and daemon through the same variants: login with a code then an app approval (only
    /// <c>tr_refresh</c> set, status <c>APPROVED</c>), a refresh that replaces the cookies, a daemon crash restoring
    /// the refreshed session, the session ending on the websocket; and a logout cancelling an approval wait.
    /// </summary>
    [Theory]
    [MemberData(nameof(PublishedHostTests.Binaries), MemberType = typeof(PublishedHostTests))]
    public async Task Published_host_meets_every_variant(string binary)
    {
        var published = PublishedHost.Resolve(binary);
        await using (var rig = await FakeTradeRepublicHost.StartAsync(published, RefreshAfterOneSecond))
        {
            await ThroughCodeAndApprovalAsync(rig);
            await RefreshedSessionSurvivesACrashAsync(rig, signedIn: true);
            await SessionEndsOnTheSocketAsync(rig, signedIn: true);
            // Last: it stops the host to read its whole log.
            await rig.AssertNoSecretInLogAsync();
        }

        await using (var rig = await FakeTradeRepublicHost.StartAsync(published))
        {
            await LogoutDuringApprovalAsync(rig);
        }
    }

    private static async Task ThroughCodeAndApprovalAsync(FakeTradeRepublicHost rig)
    {
        var scenario = rig.Server.Scenario;
        scenario.SessionOnlyAfterExchange = true;
        scenario.ApprovalAfterCode = true;
        scenario.ConfirmedStatus = "APPROVED";
        scenario.Approval = FakeApproval.NeverAnswers;
        Assert.Equal("authenticator_code", (await rig.PostAsync("/api/login", Credentials, HttpStatusCode.OK)).GetProperty("second_factor").GetString());

        var confirm = rig.Host.SendAsync(HttpMethod.Post, "/api/confirm-2fa", content: JsonContent.Create(new { token = FakeAccount.AuthenticatorCode }));
        var waiting = await rig.StatusWhenAsync(status => status.TryGetProperty("second_factor", out var factor) && factor.GetString() == "app_approval", "second_factor app_approval");
        Assert.Equal("waiting_2fa", waiting.GetProperty("status").GetString());
        scenario.Approval = FakeApproval.Approves;

        Assert.Equal("authenticated", (await rig.ReadAsync(confirm, HttpStatusCode.OK)).GetProperty("status").GetString());
        Assert.Equal("authenticated", (await rig.GetAsync("/api/status", HttpStatusCode.OK)).GetProperty("status").GetString());
    }

    private static async Task LogoutDuringApprovalAsync(FakeTradeRepublicHost rig)
    {
        rig.Server.Scenario.SecondFactor = FakeSecondFactor.AppApproval;
        rig.Server.Scenario.Approval = FakeApproval.NeverAnswers;
        Assert.Equal("app_approval", (await rig.PostAsync("/api/login", Credentials, HttpStatusCode.OK)).GetProperty("second_factor").GetString());
        var readsAtLogin = rig.Server.ProcessReads;
        var confirm = rig.Host.SendAsync(HttpMethod.Post, "/api/confirm-2fa", content: JsonContent.Create(new { }));
        await WaitUntilAsync(() => rig.Server.ProcessReads > readsAtLogin, "the daemon polling the login process");

        // Straight through the API, as the page or any other client holding the token would.
        Assert.Equal("logged_out", (await rig.PostAsync("/api/logout", null, HttpStatusCode.OK)).GetProperty("status").GetString());

        var error = (await rig.ReadAsync(confirm, HttpStatusCode.Unauthorized)).GetProperty("error");
        Assert.Equal("NOT_AUTHENTICATED", error.GetProperty("name").GetString());
        AssertSignedOut(await rig.GetAsync("/api/status", HttpStatusCode.OK));

        // A login still polling would read its process again within one poll interval (2 s) of the daemon's own
        // clock. The signal that two intervals have passed since the logout, however loaded the machine: a new login,
        // started after it, read four times (once by the login, at once by the confirm, then once after each
        // interval, timed by the same clock). The cancelled one was not read since.
        var readsOfTheCancelled = Assert.Single(rig.Server.ProcessReadsByLogin);
        Assert.Equal("app_approval", (await rig.PostAsync("/api/login", Credentials, HttpStatusCode.OK)).GetProperty("second_factor").GetString());
        var second = rig.Host.SendAsync(HttpMethod.Post, "/api/confirm-2fa", content: JsonContent.Create(new { }));
        await WaitUntilAsync(() => rig.Server.ProcessReadsByLogin is [_, >= 4], "the second login read four times");
        Assert.Equal(readsOfTheCancelled, rig.Server.ProcessReadsByLogin[0]);

        Assert.Equal("logged_out", (await rig.PostAsync("/api/logout", null, HttpStatusCode.OK)).GetProperty("status").GetString());
        await rig.ReadAsync(second, HttpStatusCode.Unauthorized);
        Assert.Equal(readsOfTheCancelled, rig.Server.ProcessReadsByLogin[0]);
        AssertSignedOut(await rig.GetAsync("/api/status", HttpStatusCode.OK));
        await rig.GetAsync("/api/portfolio", HttpStatusCode.Unauthorized);
    }

    private static async Task RefreshedSessionSurvivesACrashAsync(FakeTradeRepublicHost rig, bool signedIn = false)
    {
        rig.Server.Scenario.RotatesCookiesOnRefresh = true;
        if (!signedIn)
        {
            await rig.LogInAgainIfNeededAsync();
        }

        await Task.Delay(IdleBeyondRefresh, TestContext.Current.CancellationToken);
        Assert.Equal(FakeAccount.ExpectedPortfolio, FakeAccount.Describe(await rig.GetAsync("/api/portfolio", HttpStatusCode.OK)));
        var loginsBefore = rig.Server.LoginRequests;

        await rig.Host.CrashDaemonAsync();

        Assert.Equal("authenticated", (await rig.GetAsync("/api/status", HttpStatusCode.OK)).GetProperty("status").GetString());
        Assert.Equal(FakeAccount.ExpectedPortfolio, FakeAccount.Describe(await rig.GetAsync("/api/portfolio", HttpStatusCode.OK)));
        Assert.Equal(loginsBefore, rig.Server.LoginRequests);
    }

    private static async Task SessionEndsOnTheSocketAsync(FakeTradeRepublicHost rig, bool signedIn = false)
    {
        if (!signedIn)
        {
            await rig.LogInAgainIfNeededAsync();
        }

        rig.Server.Scenario.SessionEndsOnSocket = true;

        var error = (await rig.GetAsync("/api/portfolio", HttpStatusCode.Unauthorized)).GetProperty("error");

        Assert.Equal("NOT_AUTHENTICATED", error.GetProperty("name").GetString());
        AssertSignedOut(await rig.GetAsync("/api/status", HttpStatusCode.OK));
    }

    private static void AssertSignedOut(JsonElement status)
    {
        Assert.Equal("idle", status.GetProperty("status").GetString());
        Assert.False(status.GetProperty("has_saved_session").GetBoolean());
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what) =>
        Assert.True(await Eventually.HoldsAsync(condition, HostProcess.StartTimeout, TestContext.Current.CancellationToken), $"Never saw {what}.");
}
