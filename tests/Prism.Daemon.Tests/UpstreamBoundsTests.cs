using Prism.Daemon.Tests.Support;
using Prism.FakeTradeRepublic;

namespace Prism.Daemon.Tests;

/// <summary>
/// Trade Republic's answers are bounded: an HTTP answer over 1 MiB or a websocket message over 4 MiB ends its call with
/// 1010 naming the limit, unread; the daemon keeps serving, and the next call works.
/// </summary>
public sealed class UpstreamBoundsTests
{
    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task An_http_answer_over_one_mebibyte_ends_its_call_with_1010_naming_the_limit(string daemon)
    {
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken);
        rig.Server.Scenario.OversizedAccountAnswer = true;
        await rig.CallAsync("login", SessionRig.LoginParams());

        var message = await rig.CallFailingWithMessageAsync("confirm_2fa", 1010, $$"""{"token":"{{FakeAccount.AuthenticatorCode}}"}""");

        Assert.Contains("the account request is larger than the daemon accepts (1 MiB of body", message, StringComparison.Ordinal);
        rig.Server.Scenario.OversizedAccountAnswer = false;
        await rig.LogInAsync();
        Assert.Equal(FakeAccount.ExpectedPortfolio, FakeAccount.Describe(await rig.CallAsync("fetch_portfolio")));
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task A_websocket_message_over_four_mebibytes_ends_the_fetch_with_1010_naming_the_limit(string daemon)
    {
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken);
        await rig.LogInAsync();
        rig.Server.Scenario.OversizedPortfolioFrame = true;

        var message = await rig.CallFailingWithMessageAsync("fetch_portfolio", 1010);

        Assert.Contains("larger than the daemon accepts (4 MiB per message)", message, StringComparison.Ordinal);
        Assert.Equal("authenticated", (await rig.CallAsync("get_status")).GetProperty("status").GetString());
        rig.Server.Scenario.OversizedPortfolioFrame = false;
        Assert.Equal(FakeAccount.ExpectedPortfolio, FakeAccount.Describe(await rig.CallAsync("fetch_portfolio")));
    }
}
