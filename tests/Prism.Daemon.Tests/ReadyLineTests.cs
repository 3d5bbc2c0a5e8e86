using System.Text.RegularExpressions;
using Prism.Daemon.Tests.Support;
using Prism.TestBinaries;

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

    [GeneratedRegex("\"version\":\"(?<version>[^\"]*)\"")]
    private static partial Regex SemanticVersion();
}
