using Prism.Daemon.Tests.Support;
using Prism.FakeTradeRepublic;

namespace Prism.Daemon.Tests;

/// <summary>PIN, codes, process ids, cookie values and the full phone number never reach stdout or stderr, whatever happens.</summary>
public sealed class SessionSecretTests
{
    [Theory(Timeout = TestTimeouts.Long)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task No_secret_appears_in_any_output_of_logins_failures_restores_and_portfolios(string daemon)
    {
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken);

        await rig.CallFailingAsync("login", 1002, SessionRig.LoginParams(pin: "0000"));
        await rig.CallAsync("login", SessionRig.LoginParams());
        await rig.CallFailingAsync("confirm_2fa", 1004, """{"token":"111111"}""");
        await rig.CallAsync("confirm_2fa", $$"""{"token":"{{FakeAccount.AuthenticatorCode}}"}""");
        await rig.CallAsync("fetch_portfolio");
        await rig.RestartDaemonAsync();
        await rig.CallAsync("login", SessionRig.LoginParams(restoreOnly: true));
        rig.Server.Scenario.SecondFactor = FakeSecondFactor.AppApproval;
        await rig.CallAsync("logout");
        await rig.CallAsync("login", SessionRig.LoginParams());
        await rig.CallAsync("confirm_2fa");
        rig.Server.ExpireSessions();
        await rig.CallFailingAsync("fetch_portfolio", 1001);
        rig.Server.Scenario.RateLimited = true;
        await rig.CallFailingAsync("login", 1003, SessionRig.LoginParams());

        // The masked number is logged (so the log was read), the full one never.
        Assert.Contains("+49", await rig.StderrAfterShutdownAsync(), StringComparison.Ordinal);
        await rig.AssertNoSecretLeakedAsync();
    }
}
