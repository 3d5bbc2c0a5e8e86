using Prism.Tests;
using Prism.Daemon.Tests.Support;

namespace Prism.Daemon.Tests;

public sealed class ReadyLineTests
{
    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task First_stdout_line_is_the_ready_notification_in_the_contract_shape(string daemon)
    {
        await using var process = DaemonProcess.Start(DaemonTarget.Resolve(daemon), TestContext.Current.CancellationToken);

        var ready = await process.ReadLineAsync();

        Assert.NotNull(ready);
        Assert.Equal(
            $$"""{"jsonrpc":"2.0","method":"ready","params":{"version":"{{ReleaseVersion.Value}}","pid":{{process.Id}},"protocol":1},"status":"ready","pid":{{process.Id}}}""",
            ready);
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Nothing_unsolicited_follows_the_ready_line(string daemon)
    {
        await using var process = await DaemonProcess.StartReadyAsync(DaemonTarget.Resolve(daemon), TestContext.Current.CancellationToken);

        await process.CloseInputAsync();
        var rest = await process.ReadToEndAsync();

        Assert.Empty(rest);
        Assert.Equal(0, await process.WaitForExitAsync());
    }
}
