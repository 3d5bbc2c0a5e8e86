using System.Text;
using Prism.Daemon.Tests.Support;

namespace Prism.Daemon.Tests;

/// <summary>At stdin EOF every request already read is answered and flushed before the daemon exits 0.</summary>
public sealed class EndOfInputTests
{
    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Two_hundred_pipelined_requests_then_EOF_get_two_hundred_replies_and_exit_0(string daemon)
    {
        await using var process = await DaemonProcess.StartReadyAsync(DaemonTarget.Resolve(daemon), TestContext.Current.CancellationToken);
        var requests = new StringBuilder();
        for (var id = 1; id <= 200; id++)
        {
            requests.Append($$"""{"method":"get_status","params":{},"id":{{id}}}""").Append('\n');
        }

        await process.SendAsync(Encoding.UTF8.GetBytes(requests.ToString()));
        await process.CloseInputAsync();
        var replies = await process.ReadToEndAsync();

        var ids = replies.Select(line => Reply.Parse(line).GetProperty("id").GetInt32()).ToList();
        Assert.Equal(Enumerable.Range(1, 200), ids.Order());
        Assert.All(ids.Zip(replies), pair => Reply.AssertResult(pair.Second, pair.First.ToString()));
        Assert.Equal(0, await process.WaitForExitAsync());
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Last_request_without_a_trailing_newline_is_answered_at_EOF(string daemon)
    {
        await using var process = await DaemonProcess.StartReadyAsync(DaemonTarget.Resolve(daemon), TestContext.Current.CancellationToken);

        await process.SendAsync("""{"method":"get_status","params":{},"id":"last"}"""u8.ToArray());
        await process.CloseInputAsync();

        Reply.AssertResult(Assert.Single(await process.ReadToEndAsync()), "\"last\"");
        Assert.Equal(0, await process.WaitForExitAsync());
    }
}
