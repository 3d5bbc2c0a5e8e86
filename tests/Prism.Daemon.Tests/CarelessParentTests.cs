using System.Text;
using System.Text.RegularExpressions;
using Prism.Daemon.Tests.Support;

namespace Prism.Daemon.Tests;

/// <summary>
/// A parent that pipes a stream and never reads it — a Rust <c>Command</c> with piped, unread stderr, Python's
/// <c>Popen(stderr=PIPE)</c> — must not stall the daemon: log lines are dropped (and counted) while stderr is full,
/// replies go on, EOF and SIGTERM still end it. A parent that does not read stdout makes the daemon stop reading
/// input, rather than hold replies without bound.
/// </summary>
public sealed partial class CarelessParentTests
{
    /// <summary>Each is logged ("Rejected an input line ..."): thousands fill a 64 KiB pipe and the log's buffer many times over.</summary>
    private const int FailingRequests = 5000;

    [Theory(Timeout = TestTimeouts.Long)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Every_reply_arrives_while_nobody_reads_stderr_and_the_next_line_through_counts_the_dropped(string daemon)
    {
        await using var process = await StartWithUnreadStderrAsync(daemon, TestContext.Current.CancellationToken);

        await SendFailingRequestsAndReadTheirRepliesAsync(process);
        await process.SendLineAsync("""{"method":"get_status","params":{},"id":"still-here"}""");
        Reply.AssertResult((await process.ReadLineAsync())!, "\"still-here\"");

        process.StartReadingStderr();
        await process.SendLineAsync("not json either");
        Reply.AssertError((await process.ReadLineAsync())!, -32700, null);
        var notice = await process.WaitForStderrLineAsync("log lines were dropped because stderr was full");
        Assert.InRange(int.Parse(DroppedCount().Match(notice).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 1, FailingRequests);
        await process.CloseInputAsync();
        Assert.Equal(0, await process.WaitForExitAsync());
    }

    [Theory(Timeout = TestTimeouts.Long)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task End_of_input_ends_the_daemon_while_its_stderr_is_full(string daemon)
    {
        await using var process = await StartWithUnreadStderrAsync(daemon, TestContext.Current.CancellationToken);
        await SendFailingRequestsAndReadTheirRepliesAsync(process);

        await process.CloseInputAsync();

        Assert.Empty(await process.ReadToEndAsync());
        Assert.Equal(0, await process.WaitForExitAsync());
    }

    [Theory(Timeout = TestTimeouts.Long)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task SIGTERM_ends_the_daemon_while_its_stderr_is_full(string daemon)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix signals cannot be sent to a process on Windows.");
        Assert.SkipWhen(DaemonTarget.Resolve(daemon).IsWindows, $"{daemon}: a Windows program gets no SIGTERM (under Wine the signal kills it outright); End_of_input_ends_the_daemon_while_its_stderr_is_full covers its way out.");
        await using var process = await StartWithUnreadStderrAsync(daemon, TestContext.Current.CancellationToken);
        await SendFailingRequestsAndReadTheirRepliesAsync(process);

        PosixSignals.Send(process.Id, PosixSignals.Terminate);

        Assert.Empty(await process.ReadToEndAsync());
        Assert.Equal(0, await process.WaitForExitAsync());
    }

    [Theory(Timeout = TestTimeouts.Long)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task A_parent_that_does_not_read_stdout_is_made_to_wait_then_gets_every_reply(string daemon)
    {
        const int requests = 50_000;
        await using var process = await DaemonProcess.StartReadyAsync(DaemonTarget.Resolve(daemon), TestContext.Current.CancellationToken);
        var sent = 0;
        var sending = Task.Run(
            async () =>
        {
            for (var i = 0; i < requests; i++)
            {
                await process.SendUnboundedAsync(Encoding.UTF8.GetBytes($$"""{"method":"get_status","params":{},"id":{{i}}}""" + "\n"));
                Interlocked.Increment(ref sent);
            }
        },
            TestContext.Current.CancellationToken);

        // Stdin is taken only as far as the pipes and the daemon's bound of replies owed allow; then the writes block.
        var stalledAt = await WhenWritesStallAsync(() => Volatile.Read(ref sent), sending);
        Assert.True(stalledAt < requests / 5, $"The daemon read {stalledAt} of {requests} requests while nobody read its stdout: it holds their replies instead of pausing.");

        // Requests run concurrently, so replies may come in any order: each id once.
        var answered = new HashSet<int>();
        for (var i = 0; i < requests; i++)
        {
            var reply = Reply.Parse((await process.ReadLineAsync())!);
            Assert.True(reply.TryGetProperty("result", out _), $"Expected a result: {reply}");
            Assert.True(answered.Add(reply.GetProperty("id").GetInt32()), $"A second reply for id {reply.GetProperty("id")}.");
        }

        Assert.Equal(Enumerable.Range(0, requests), answered.Order());

        await sending.WaitAsync(process.Patience, TestContext.Current.CancellationToken);
        await process.CloseInputAsync();
        Assert.Equal(0, await process.WaitForExitAsync());
    }

    [Theory(Timeout = TestTimeouts.Long)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task SIGTERM_ends_the_daemon_whose_stdout_nobody_reads_giving_up_the_replies_owed(string daemon)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix signals cannot be sent to a process on Windows.");
        Assert.SkipWhen(DaemonTarget.Resolve(daemon).IsWindows, $"{daemon}: a Windows program gets no SIGTERM (under Wine the signal kills it outright).");
        await using var process = await DaemonProcess.StartReadyAsync(DaemonTarget.Resolve(daemon), TestContext.Current.CancellationToken);
        var sent = 0;
        var sending = Task.Run(
            async () =>
        {
            for (var i = 0; i < 50_000; i++)
            {
                await process.SendUnboundedAsync(Encoding.UTF8.GetBytes($$"""{"method":"get_status","params":{},"id":{{i}}}""" + "\n"));
                Interlocked.Increment(ref sent);
            }
        },
            TestContext.Current.CancellationToken);
        await WhenWritesStallAsync(() => Volatile.Read(ref sent), sending);

        PosixSignals.Send(process.Id, PosixSignals.Terminate);

        // Replies owed to a stdout nobody reads would otherwise keep the daemon (and its session) alive for ever.
        Assert.Equal(1, await process.WaitForExitAsync());
        await process.WaitForStderrLineAsync("stdout took no reply");
        await Assert.ThrowsAnyAsync<IOException>(() => sending);
    }

    private static Task<DaemonProcess> StartWithUnreadStderrAsync(string daemon, CancellationToken testCancelled) =>
        DaemonProcess.StartReadyAsync(DaemonTarget.Resolve(daemon), new DaemonSetup(ReadStderr: false), testCancelled);

    private static async Task SendFailingRequestsAndReadTheirRepliesAsync(DaemonProcess process)
    {
        var lines = new StringBuilder();
        for (var i = 0; i < FailingRequests; i++)
        {
            lines.Append(CultureInvariant($"{{\"method\":\"no_such_method_{i}\",\"id\":{i}}}\n"));
        }

        var sending = process.SendAsync(Encoding.UTF8.GetBytes(lines.ToString()));
        for (var i = 0; i < FailingRequests; i++)
        {
            Reply.AssertError((await process.ReadLineAsync())!, -32601, CultureInvariant($"{i}"));
        }

        await sending;
    }

    /// <summary>The count once it has not grown for 3 s, or the final count when the writes finished.</summary>
    private static async Task<int> WhenWritesStallAsync(Func<int> count, Task writes)
    {
        var last = -1;
        var unchangedSince = DateTime.UtcNow;
        while (!writes.IsCompleted)
        {
            await Task.Delay(250, TestContext.Current.CancellationToken);
            var now = count();
            if (now != last)
            {
                (last, unchangedSince) = (now, DateTime.UtcNow);
            }
            else if (DateTime.UtcNow - unchangedSince > TimeSpan.FromSeconds(3))
            {
                return now;
            }
        }

        return count();
    }

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);

    [GeneratedRegex(@"(\d+) log lines were dropped")]
    private static partial Regex DroppedCount();
}
