using Prism.Daemon.Tests.Support;

namespace Prism.Daemon.Tests;

/// <summary>Requests without an id are notifications: never answered, even when wrong.</summary>
public sealed class NotificationTests
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
}
