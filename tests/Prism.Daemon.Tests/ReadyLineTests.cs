using Prism.TestSupport;
using Prism.Daemon.Tests.Support;
using Prism.TestBinaries;

namespace Prism.Daemon.Tests;

public sealed class ReadyLineTests
{
    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task First_stdout_line_is_the_ready_notification_in_the_contract_shape(string daemon)
    {
        var target = DaemonTarget.Resolve(daemon);
        await using var process = DaemonProcess.Start(target, TestContext.Current.CancellationToken);

        var ready = await process.ReadLineAsync();

        Assert.NotNull(ready);
        var pid = ExpectedPid(target, process, ready);
        Assert.Equal(
            $$"""{"jsonrpc":"2.0","method":"ready","params":{"version":"{{ReleaseVersion.Value}}","pid":{{pid}},"protocol":1},"status":"ready","pid":{{pid}}}""",
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

    /// <summary>The pid the daemon must report: its own process's (under Wine its Windows pid, <see cref="PublishedSidecar.IsOwnPid"/>).</summary>
    private static int ExpectedPid(DaemonTarget target, DaemonProcess process, string ready)
    {
        if (target.Binary is null)
        {
            return process.Id;
        }

        var reported = Reply.Parse(ready).GetProperty("pid").GetInt32();
        Assert.True(target.Binary.IsOwnPid(reported, process.Id), $"{target.Label}, started as pid {process.Id}, reported pid {reported}: {ready}");
        return reported;
    }
}
