using Prism.Daemon.Tests.Support;
using Prism.FakeTradeRepublic;

namespace Prism.Daemon.Tests;

/// <summary>
/// The websocket's protocol version and the portfolio topic are settings: when Trade Republic's web app moves on
/// (reported: <c>connect 34</c>, <c>compactPortfolioByTypeV2</c>), its <c>BAD_SUBSCRIPTION_TYPE</c> becomes an error
/// naming both settings, and setting them follows the web app without a new daemon.
/// </summary>
public sealed class PortfolioTopicTests
{
    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task A_refused_portfolio_topic_is_an_error_that_names_both_settings(string daemon)
    {
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken);
        await rig.LogInAsync();
        rig.Server.Scenario.NewerWebApp = true;

        var line = await rig.SendAsync("fetch_portfolio");

        var error = Reply.Parse(line).GetProperty("error");
        Assert.Equal(1010, error.GetProperty("code").GetInt32());
        Assert.Equal("BAD_SUBSCRIPTION_TYPE", error.GetProperty("data").GetProperty("reason").GetString());
        var message = error.GetProperty("message").GetString();
        Assert.Contains("PRISM_TR_PORTFOLIO_TOPIC", message, StringComparison.Ordinal);
        Assert.Contains("PRISM_TR_WS_PROTOCOL_VERSION", message, StringComparison.Ordinal);
        Assert.Contains("'compactPortfolioByType' on websocket protocol 31", message, StringComparison.Ordinal);
        Reply.AssertLeaksNothingInternal(line);
        // Not a session problem: still signed in.
        Assert.Equal("authenticated", (await rig.CallAsync("get_status")).GetProperty("status").GetString());
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task The_settings_follow_a_newer_web_app(string daemon)
    {
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken, new Dictionary<string, string>
        {
            ["PRISM_TR_PORTFOLIO_TOPIC"] = FakeAccount.NewerPortfolioTopic,
            ["PRISM_TR_WS_PROTOCOL_VERSION"] = FakeAccount.NewerProtocolVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        await rig.LogInAsync();
        rig.Server.Scenario.NewerWebApp = true;

        Assert.Equal(FakeAccount.ExpectedPortfolio, FakeAccount.Describe(await rig.CallAsync("fetch_portfolio")));
        Assert.Equal([FakeAccount.NewerProtocolVersion], rig.Server.Subscriptions.ProtocolVersions);
    }
}
