using System.Text.RegularExpressions;
using Prism.Daemon.Tests.Support;
using Prism.FakeTradeRepublic;

namespace Prism.Daemon.Tests;

/// <summary>
/// Requests without an id are notifications: never answered, even when wrong. Only <c>$/cancelRequest</c> and
/// <c>shutdown</c> act; any other is dropped with one log line, so no work starts that nobody hears about.
/// </summary>
public sealed partial class NotificationTests
{
    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Notifications_get_no_reply(string daemon)
    {
        await using var process = await DaemonProcess.StartReadyAsync(DaemonTarget.Resolve(daemon), TestContext.Current.CancellationToken);

        await process.SendLineAsync("""{"jsonrpc":"2.0","method":"get_status","params":{}}""");
        await process.SendLineAsync("""{"method":"no_such_method"}""");
        await process.SendLineAsync("""{"method":"get_status","params":{"pin":"1234"}}""");
        await process.SendLineAsync("""{"method":"get_status","params":{},"id":"after"}""");
        await process.CloseInputAsync();
        var lines = await process.ReadToEndAsync();

        var only = Assert.Single(lines);
        Reply.AssertResult(only, "\"after\"");
        Assert.Equal(0, await process.WaitForExitAsync());
    }

    /// <summary>A login or a fetch sent without an id would reach Trade Republic with nobody to hear the outcome.</summary>
    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task A_login_or_fetch_sent_without_an_id_starts_nothing_and_is_logged_once(string daemon)
    {
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken);

        await rig.Daemon.SendLineAsync($$"""{"jsonrpc":"2.0","method":"login","params":{{SessionRig.LoginParams()}}}""");
        await rig.LogInAsync();
        await rig.Daemon.SendLineAsync("""{"jsonrpc":"2.0","method":"fetch_portfolio","params":{}}""");
        Assert.Equal(FakeAccount.ExpectedPortfolio, FakeAccount.Describe(await rig.CallAsync("fetch_portfolio")));
        var log = await rig.StderrAfterShutdownAsync();

        // Only the login and the fetch sent with an id reached the fake (each notification would have been one more).
        Assert.Equal(1, rig.Server.LoginRequests);
        Assert.Single(rig.Server.Subscriptions.ProtocolVersions);
        Assert.Single(DroppedNotification().Matches(log), match => match.Groups[1].Value == "login");
        Assert.Single(DroppedNotification().Matches(log), match => match.Groups[1].Value == "fetch_portfolio");
        await rig.AssertNoSecretLeakedAsync();
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task A_shutdown_notification_ends_the_daemon_after_the_replies_owed(string daemon)
    {
        await using var process = await DaemonProcess.StartReadyAsync(DaemonTarget.Resolve(daemon), TestContext.Current.CancellationToken);

        await process.SendLineAsync("""{"method":"get_status","params":{},"id":"before"}""");
        await process.SendLineAsync("""{"jsonrpc":"2.0","method":"shutdown"}""");

        // stdin stays open: the notification alone ends the daemon.
        Reply.AssertResult(Assert.Single(await process.ReadToEndAsync()), "\"before\"");
        Assert.Equal(0, await process.WaitForExitAsync());
    }

    [GeneratedRegex(@"Dropped a notification for '([^']+)' \(no id\)")]
    private static partial Regex DroppedNotification();
}
