using CsCheck;
using Prism.Daemon.Tests.Support;

namespace Prism.Daemon.Tests;

/// <summary>Whatever arrives on stdin, stdout stays pure JSON and the daemon stays up.</summary>
public sealed class HostileInputTests
{
    private const int LinesPerDaemon = 1500;

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Under_garbage_every_stdout_line_is_a_json_rpc_message(string daemon)
    {
        await using var process = await DaemonProcess.StartReadyAsync(DaemonTarget.Resolve(daemon), TestContext.Current.CancellationToken);
        string[] garbage = ["", "   ", "\t", "hello", "{", "}", "null", "[", "\"\"", "{\"id\":1}", "{\"method\":null,\"id\":2}", "\u00ff\u00fe", "{}{}", "{\"method\":\"get_status\"} trailing",
            "{\"method\":\"\\ud800\",\"id\":1}", "{\"method\":\"get_status\",\"id\":\"\\udc00\\ud800\"}", "{\"\\udfff\":1}", "\"\\ud800\"", "[\"\\ud800\"]",
            "{\"method\":\"login\",\"params\":{\"phone\":\"\\ud800\",\"pin\":\"\\udc00\"},\"id\":2}"];

        foreach (var line in garbage)
        {
            await process.SendLineAsync(line);
        }

        await process.SendLineAsync("""{"method":"get_status","params":{},"id":"end"}""");
        await process.CloseInputAsync();
        var lines = await process.ReadToEndAsync();

        Assert.All(lines, AssertIsJsonRpcMessage);
        Assert.Contains(lines, line => line.Contains("\"id\":\"end\"", StringComparison.Ordinal));
        Assert.Equal(0, await process.WaitForExitAsync());
    }

    [Theory(Timeout = TestTimeouts.Long)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Thousands_of_random_and_mutated_lines_leave_the_daemon_alive_and_answering(string daemon)
    {
        var target = DaemonTarget.Resolve(daemon);

        await InputLines.Hostile.Array[LinesPerDaemon].SampleAsync(async lines =>
        {
            await using var process = await DaemonProcess.StartReadyAsync(target, TestContext.Current.CancellationToken);
            // Read while writing: replies the test does not drain would fill the pipe and stall the daemon. Read to
            // the end: a reply to an earlier line may still come after the final check's.
            var reading = process.ReadToEndAsync();
            foreach (var line in lines)
            {
                await process.SendAsync([.. line, (byte)'\n']);
            }

            await process.SendLineAsync("""{"method":"get_status","params":{},"id":"final-check"}""");
            await process.SendLineAsync("""{"method":"shutdown","params":{},"id":"final-shutdown"}""");
            var output = await reading;

            Assert.All(output, AssertIsJsonRpcMessage);
            Assert.True(output.Count(line => line.Contains("\"id\":\"final-check\"", StringComparison.Ordinal)) == 1, $"Expected one reply to the final check.\nstderr:\n{process.Stderr}");
            Reply.AssertResult(Assert.Single(output, line => line.Contains("\"id\":\"final-check\"", StringComparison.Ordinal)), "\"final-check\"");
            Reply.AssertResult(Assert.Single(output, line => line.Contains("\"id\":\"final-shutdown\"", StringComparison.Ordinal)), "\"final-shutdown\"");
            Assert.Equal(0, await process.WaitForExitAsync());
        }, iter: 3, threads: 1);
    }

    private static void AssertIsJsonRpcMessage(string line)
    {
        var message = Reply.Parse(line);
        Assert.Equal("2.0", message.GetProperty("jsonrpc").GetString());
        Assert.True(message.TryGetProperty("result", out _) ^ message.TryGetProperty("error", out _), $"A reply must carry exactly one of result and error: {line}");
        Reply.AssertLeaksNothingInternal(line);
        Assert.True(message.TryGetProperty("id", out _), $"A reply must carry an id: {line}");
    }
}
