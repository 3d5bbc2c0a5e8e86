using Prism.Daemon.Tests.Support;
using Prism.FakeTradeRepublic;

namespace Prism.Daemon.Tests;

/// <summary>
/// A logout while <c>confirm_2fa</c> waits for an app approval (which can take minutes) cancels that login at once:
/// whoever asked to be signed out is answered without waiting and is never signed in by the approval afterwards.
/// </summary>
public sealed class LogoutDuringLoginTests
{
    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Logout_while_an_app_approval_is_awaited_cancels_the_login_at_once(string daemon)
    {
        await using var rig = await SessionRig.StartWaitingForAppApprovalAsync(daemon, FakeApproval.NeverAnswers, TestContext.Current.CancellationToken);
        var readsAtLogin = rig.Server.ProcessReads;
        await rig.Daemon.SendLineAsync("""{"jsonrpc":"2.0","method":"confirm_2fa","params":{},"id":"approval"}""");
        // The approval wait has begun once the daemon polls the process.
        await rig.WaitUntilAsync(() => rig.Server.ProcessReads > readsAtLogin, "the daemon polling the login process");

        await rig.Daemon.SendLineAsync("""{"jsonrpc":"2.0","method":"logout","params":{},"id":"logout"}""");
        var replies = await rig.RepliesAsync("\"logout\"", "\"approval\"");

        Assert.Equal("logged_out", Reply.AssertResult(replies[0], "\"logout\"").GetProperty("status").GetString());
        Assert.Contains("logout", Reply.AssertError(replies[1], 1001, idJson: "\"approval\""), StringComparison.Ordinal);
        var status = await rig.CallAsync("get_status");
        Assert.Equal("idle", status.GetProperty("status").GetString());
        Assert.False(status.GetProperty("has_saved_session").GetBoolean());

        // A login still polling would read its process again within one poll interval (2 s) of the daemon's own
        // clock. The signal that two intervals have passed since the logout, however loaded the machine: a new login,
        // started after it, read four times (once by login, at once by confirm_2fa, then once after each interval,
        // timed by the same clock). The cancelled one was not read since.
        var readsOfTheCancelled = Assert.Single(rig.Server.ProcessReadsByLogin);
        Assert.Equal("waiting_2fa", (await rig.CallAsync("login", SessionRig.LoginParams())).GetProperty("status").GetString());
        await rig.Daemon.SendLineAsync("""{"jsonrpc":"2.0","method":"confirm_2fa","params":{},"id":"second"}""");
        await rig.WaitUntilAsync(() => rig.Server.ProcessReadsByLogin is [_, >= 4], "the second login read four times");
        Assert.Equal(readsOfTheCancelled, rig.Server.ProcessReadsByLogin[0]);

        await rig.Daemon.SendLineAsync("""{"jsonrpc":"2.0","method":"logout","params":{},"id":"logout-again"}""");
        replies = await rig.RepliesAsync("\"logout-again\"", "\"second\"");
        Reply.AssertResult(replies[0], "\"logout-again\"");
        Assert.Contains("logout", Reply.AssertError(replies[1], 1001, idJson: "\"second\""), StringComparison.Ordinal);
        Assert.Equal(readsOfTheCancelled, rig.Server.ProcessReadsByLogin[0]);
        await rig.CallFailingAsync("confirm_2fa", 1006);
    }
}
