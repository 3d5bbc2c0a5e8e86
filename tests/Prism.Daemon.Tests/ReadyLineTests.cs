using System.Text.RegularExpressions;
using Prism.Daemon.Tests.Support;

namespace Prism.Daemon.Tests;

public sealed partial class ReadyLineTests
{
    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task First_stdout_line_is_the_ready_notification_in_the_contract_shape(string daemon)
    {
        var target = DaemonTarget.Resolve(daemon);
        await using var process = DaemonProcess.Start(target, TestContext.Current.CancellationToken);

        var ready = await process.ReadLineAsync();

        Assert.NotNull(ready);
        var version = SemanticVersion().Match(ready).Groups["version"].Value;
        var pid = ExpectedPid(target, process, ready);
        Assert.Equal(
            $$"""{"jsonrpc":"2.0","method":"ready","params":{"version":"{{version}}","pid":{{pid}},"protocol":1},"status":"ready","pid":{{pid}}}""",
            ready);
        Assert.Matches(@"^\d+\.\d+\.\d+", version);
    }

    /// <summary>
    /// The pid the daemon must report: its own process's. Natively and under qemu-user (one process) that is the pid
    /// of the process started; a Windows program under Wine reports its Windows pid, which Wine numbers like Windows
    /// does (multiples of 4) apart from the Linux pid.
    /// </summary>
    private static int ExpectedPid(DaemonTarget target, DaemonProcess process, string ready)
    {
        if (target.Binary?.Emulator is not { IsWine: true })
        {
            return process.Id;
        }

        var windowsPid = Reply.Parse(ready).GetProperty("pid").GetInt32();
        Assert.True(windowsPid > 0 && windowsPid % 4 == 0, $"A Windows pid is a positive multiple of 4; the ready line says {windowsPid}: {ready}");
        return windowsPid;
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

    [GeneratedRegex("\"version\":\"(?<version>[^\"]*)\"")]
    private static partial Regex SemanticVersion();
}
