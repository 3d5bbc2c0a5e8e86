using Prism.Daemon.Tests.Support;

namespace Prism.Daemon.Tests;

/// <summary>The original Python bridge (tr_bridge.py) drives the daemon unchanged.</summary>
public sealed class BridgeCompatibilityTests
{
    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Request_without_jsonrpc_member_and_string_id_gets_one_reply_line_with_that_id(string daemon)
    {
        await using var process = DaemonProcess.Start(DaemonTarget.Resolve(daemon), TestContext.Current.CancellationToken);
        var ready = Reply.Parse((await process.ReadLineAsync())!);
        Assert.Equal("ready", ready.GetProperty("status").GetString());

        await process.SendLineAsync("""{"method":"get_status","params":{},"id":"get_status_1732540000000"}""");
        var line = await process.ReadLineAsync();

        var result = Reply.AssertResult(line!, "\"get_status_1732540000000\"");
        Assert.Equal("idle", result.GetProperty("status").GetString());
        Assert.False(result.GetProperty("has_saved_session").GetBoolean());
        Assert.Equal(Reply.Parse(line!).GetProperty("result").GetProperty("version").GetString(), ready.GetProperty("params").GetProperty("version").GetString());
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Replies_end_with_LF_only(string daemon)
    {
        await using var process = await DaemonProcess.StartReadyAsync(DaemonTarget.Resolve(daemon), TestContext.Current.CancellationToken);

        await process.SendLineAsync("""{"method":"get_status","params":{},"id":1}""");
        await process.SendLineAsync("not json");
        var reply = await process.ReadLineAsync();
        var error = await process.ReadLineAsync();

        Assert.False(reply!.EndsWith('\r'), "A reply line ended with CR LF.");
        Assert.False(error!.EndsWith('\r'), "An error line ended with CR LF.");
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Request_lines_ending_in_CRLF_are_accepted(string daemon)
    {
        await using var process = await DaemonProcess.StartReadyAsync(DaemonTarget.Resolve(daemon), TestContext.Current.CancellationToken);

        await process.SendAsync("{\"method\":\"get_status\",\"params\":{},\"id\":7}\r\n"u8.ToArray());

        Reply.AssertResult((await process.ReadLineAsync())!, "7");
    }
}
