using Prism.Daemon.Tests.Support;
using Prism.FakeTradeRepublic;

namespace Prism.Daemon.Tests;

/// <summary>
/// Trade Republic's answers holding strings that are no Unicode text (unpaired surrogate escapes): each costs the one
/// member, position, instrument or price it is in — never the fetch, the login or the daemon — and a timestamp no
/// calendar holds is read as none.
/// </summary>
public sealed class UpstreamTextTests
{
    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Unreadable_text_in_the_portfolio_its_instruments_and_tickers_costs_only_what_it_is_in(string daemon)
    {
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken);
        await rig.LogInAsync();
        rig.Server.Scenario.UnreadableText = true;

        var portfolio = await rig.CallAsync("fetch_portfolio");

        Assert.Equal(FakeAccount.ExpectedPortfolioWithUnreadableText, FakeAccount.Describe(portfolio));
        var log = await rig.StderrAfterShutdownAsync();
        Assert.Contains("name is a string that is not Unicode text", log, StringComparison.Ordinal);
        Assert.DoesNotContain("[ERR]", log, StringComparison.Ordinal);
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task A_refusal_whose_error_code_is_unreadable_is_still_the_refusal_it_is(string daemon)
    {
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken);
        rig.Server.Scenario.UnreadableText = true;

        var data = await rig.CallFailingAsync("login", 1002, SessionRig.LoginParams(pin: "0000"));

        // The code is no text, so there is none to pass on; the refusal is the wrong PIN's all the same.
        Assert.False(data.TryGetProperty("reason", out var reason) && reason.ValueKind != System.Text.Json.JsonValueKind.Null, $"reason: {reason}");
        await rig.LogInAsync();
    }

    /// <summary>An <c>expiresAt</c> beyond the year 9999, before year 1, or as text that is none: the login's countdown decides.</summary>
    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task A_login_whose_expiry_no_calendar_holds_waits_for_its_countdown(string daemon)
    {
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken);

        foreach (var expiresAt in (string[])["99999999999999999", "-99999999999", "\"\\ud800\""])
        {
            rig.Server.Scenario.ProcessExpiresAtJson = expiresAt;

            var login = await rig.CallAsync("login", SessionRig.LoginParams());

            Assert.Equal("waiting_2fa", login.GetProperty("status").GetString());
            var until = (await rig.CallAsync("get_status")).GetProperty("expires_at").GetDateTimeOffset();
            // The fake's countdown is ten minutes.
            Assert.InRange(until, DateTimeOffset.UtcNow.AddMinutes(5), DateTimeOffset.UtcNow.AddMinutes(11));
        }

        Assert.Equal("authenticated", (await rig.CallAsync("confirm_2fa", $$"""{"token":"{{FakeAccount.AuthenticatorCode}}"}""")).GetProperty("status").GetString());
    }
}
