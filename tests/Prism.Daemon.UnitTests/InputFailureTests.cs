using System.Text;
using System.Text.Json;
using Prism.Daemon.Rpc;
using Prism.Daemon.Transport;
using Prism.Protocol;
using Prism.Daemon.UnitTests.Support;
using Serilog;
using Serilog.Events;

namespace Prism.Daemon.UnitTests;

/// <summary>
/// Reading that fails in a way nobody foresaw (here: the input stream throws what no stream should) ends the input as
/// EOF would: the requests already read are answered and flushed, the connection then ends normally and says why —
/// never with the engine dropping the replies owed and the exception going on to end the process.
/// </summary>
public sealed class InputFailureTests
{
    [Fact]
    public async Task A_read_that_throws_ends_the_input_after_the_replies_owed_are_written()
    {
        var failed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stdin = new FailingAfter("""{"method":"get_status","params":{},"id":"owed"}""" + "\n", failed);
        var stdout = new MemoryStream();
        var logged = new List<LogEvent>();
        using var log = new LoggerConfiguration().WriteTo.Sink(new ListSink(logged)).CreateLogger();
        using var writer = new ProtocolWriter(stdout);
        var cancellations = new RequestCancellations();
        var handler = new StdioMessageHandler(
            new BoundedLineReader(stdin, BoundedLineReader.DefaultMaxLineBytes),
            new RequestScreen([MethodNames.GetStatus]),
            writer,
            ProtocolFormatter.Create(),
            cancellations,
            new StopSignal(),
            log);
        using var rpc = new DaemonJsonRpc(handler, log) { CancellationStrategy = cancellations };
        // The request is still running when reading fails: its reply is owed at that moment.
        rpc.AddLocalRpcMethod(MethodNames.GetStatus, new Func<Task<GetStatusResult>>(async () =>
        {
            await failed.Task;
            return new GetStatusResult(SessionStatus.Idle, HasSavedSession: false, "test");
        }));

        rpc.StartListening();
        await rpc.Completion.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        var line = Encoding.UTF8.GetString(stdout.ToArray()).TrimEnd('\n');
        using var reply = JsonDocument.Parse(line);
        Assert.Equal("owed", reply.RootElement.GetProperty("id").GetString());
        Assert.Equal("idle", reply.RootElement.GetProperty("result").GetProperty("status").GetString());
        Assert.IsType<NotSupportedException>(handler.InputFailure);
        Assert.Contains(logged, e => e.Level == LogEventLevel.Error && e.Exception is NotSupportedException);
    }

    /// <summary>Gives <paramref name="text"/>, then throws on the next read (and says so through <paramref name="failed"/>).</summary>
    private sealed class FailingAfter(string text, TaskCompletionSource failed) : MemoryStream(Encoding.UTF8.GetBytes(text))
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await base.ReadAsync(buffer, cancellationToken);
            if (read > 0)
            {
                return read;
            }

            failed.TrySetResult();
            throw new NotSupportedException("a stream that breaks in a way no one foresaw");
        }
    }
}
