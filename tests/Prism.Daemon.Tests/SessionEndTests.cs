using Prism.Daemon.Tests.Support;
using Prism.FakeTradeRepublic;

namespace Prism.Daemon.Tests;

/// <summary>
/// A session in use: Trade Republic ending it (at a refresh, or on the websocket) signs the daemon out and deletes
/// the saved session; cookies it replaces at a refresh are saved, so the next start restores the live session.
/// </summary>
public sealed class SessionEndTests
{
    /// <summary>A session idle this long is refreshed before its next use (PRISM_TR_REFRESH_AFTER_S), so tests need not wait 290 s.</summary>
    private static readonly Dictionary<string, string> RefreshAfterOneSecond = new() { ["PRISM_TR_REFRESH_AFTER_S"] = "1" };

    private static readonly TimeSpan IdleBeyondRefresh = TimeSpan.FromSeconds(2.5);

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public Task Session_ended_on_the_websocket_is_not_authenticated_and_deletes_the_saved_session(string daemon) =>
        SessionEndedOnTheWebsocketAsync(daemon, "AUTHENTICATION_ERROR", TestContext.Current.CancellationToken);

    /// <summary>The code other open clients report seeing instead (reference, newest section): the same end of the session.</summary>
    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public Task Session_ended_on_the_websocket_with_UNAUTHORIZED_is_not_authenticated_and_deletes_the_saved_session(string daemon) =>
        SessionEndedOnTheWebsocketAsync(daemon, "UNAUTHORIZED", TestContext.Current.CancellationToken);

    private static async Task SessionEndedOnTheWebsocketAsync(string daemon, string code, CancellationToken testCancelled)
    {
        await using var rig = await SessionRig.StartAsync(daemon, testCancelled);
        await rig.LogInAsync();
        rig.Server.Scenario.SessionEndsOnSocket = true;
        rig.Server.Scenario.SessionEndCode = code;

        var data = await rig.CallFailingAsync("fetch_portfolio", 1001);

        Assert.Equal(code, data.GetProperty("reason").GetString());
        AssertSignedOut(await rig.CallAsync("get_status"));
        Assert.Empty(rig.SessionFiles());
        await rig.CallFailingAsync("fetch_portfolio", 1001);
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Session_refused_at_its_refresh_is_not_authenticated_and_deletes_the_saved_session(string daemon)
    {
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken, RefreshAfterOneSecond);
        await rig.LogInAsync();
        await Task.Delay(IdleBeyondRefresh, TestContext.Current.CancellationToken);
        rig.Server.ExpireSessions();

        var data = await rig.CallFailingAsync("fetch_portfolio", 1001);

        // Trade Republic's own code: the refresh's 401 answered, not the websocket's handshake after it.
        Assert.Equal("AUTHENTICATION_ERROR", data.GetProperty("reason").GetString());
        AssertSignedOut(await rig.CallAsync("get_status"));
        Assert.Empty(rig.SessionFiles());
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Cookies_replaced_at_a_refresh_are_saved_so_a_restart_restores_the_live_session(string daemon)
    {
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken, RefreshAfterOneSecond);
        rig.Server.Scenario.RotatesCookiesOnRefresh = true;
        await rig.LogInAsync();
        var savedAtLogin = File.ReadAllText(Assert.Single(rig.SessionFiles()));
        await Task.Delay(IdleBeyondRefresh, TestContext.Current.CancellationToken);

        Assert.Equal(FakeAccount.ExpectedPortfolio, FakeAccount.Describe(await rig.CallAsync("fetch_portfolio")));

        var file = Assert.Single(rig.SessionFiles());
        // Its mode: SecretFileTests.The_installation_key_and_a_session_file_rewritten_at_a_refresh_are_owner_only (Unix rows).
        Assert.NotEqual(savedAtLogin, File.ReadAllText(file));
        Assert.Empty(Directory.GetFiles(rig.DataDirectory, "*.tmp"));
        await rig.RestartDaemonAsync();
        Assert.True((await rig.CallAsync("login", SessionRig.LoginParams(restoreOnly: true))).GetProperty("restored").GetBoolean());
        Assert.Equal(FakeAccount.ExpectedPortfolio, FakeAccount.Describe(await rig.CallAsync("fetch_portfolio")));
        await rig.AssertNoSecretLeakedAsync();
    }

    private static void AssertSignedOut(System.Text.Json.JsonElement status)
    {
        Assert.Equal("idle", status.GetProperty("status").GetString());
        Assert.False(status.GetProperty("has_saved_session").GetBoolean());
    }
}
