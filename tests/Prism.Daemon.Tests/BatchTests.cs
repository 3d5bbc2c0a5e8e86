using Prism.Daemon.Tests.Support;

namespace Prism.Daemon.Tests;

/// <summary>Batches are answered with one -32600 (as the contract allows), never by dropping the connection.</summary>
public sealed class BatchTests
{
    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Batch_gets_one_invalid_request_error_and_the_daemon_keeps_serving(string daemon)
    {
        await using var process = await DaemonProcess.StartReadyAsync(DaemonTarget.Resolve(daemon), TestContext.Current.CancellationToken);

        await process.SendLineAsync("""[{"method":"get_status","params":{},"id":1},{"method":"get_status","params":{},"id":2}]""");
        await process.SendLineAsync("[]");
        await process.SendLineAsync("""{"method":"get_status","params":{},"id":3}""");

        Assert.Contains("batch", Reply.AssertError((await process.ReadLineAsync())!, -32600, idJson: null), StringComparison.OrdinalIgnoreCase);
        Reply.AssertError((await process.ReadLineAsync())!, -32600, idJson: null);
        Reply.AssertResult((await process.ReadLineAsync())!, "3");
    }
}
