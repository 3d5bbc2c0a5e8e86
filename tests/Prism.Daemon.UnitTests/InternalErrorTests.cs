using System.Text;
using System.Text.Json;
using Prism.Daemon.Rpc;
using Prism.Daemon.Transport;
using Prism.Protocol;
using Prism.Daemon.UnitTests.Support;
using Serilog;
using Serilog.Events;

namespace Prism.Daemon.UnitTests;

/// <summary>A method that throws is logged and answered with a generic internal error that leaks nothing.</summary>
public sealed class InternalErrorTests
{
    [Fact]
    public async Task Throwing_method_gets_internal_error_without_type_message_or_stack_and_is_logged()
    {
        var stdin = new MemoryStream("""{"method":"get_status","params":{},"id":1}"""u8.ToArray());
        var stdout = new MemoryStream();
        var logged = new List<LogEvent>();
        using var log = new LoggerConfiguration().WriteTo.Sink(new ListSink(logged)).CreateLogger();
        using var writer = new ProtocolWriter(stdout);
        var handler = new StdioMessageHandler(
            new BoundedLineReader(stdin, BoundedLineReader.DefaultMaxLineBytes),
            new RequestScreen([MethodNames.GetStatus]),
            writer,
            ProtocolFormatter.Create(),
            new RequestCancellations(),
            new StopSignal(),
            log);
        using var rpc = new DaemonJsonRpc(handler, log);
        rpc.AddLocalRpcMethod(MethodNames.GetStatus, new Func<GetStatusResult>(() => throw new InvalidOperationException("secret PIN 4711 in a message")));

        rpc.StartListening();
        await rpc.Completion.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        var line = Encoding.UTF8.GetString(stdout.ToArray()).TrimEnd('\n');
        using var reply = JsonDocument.Parse(line);
        var error = reply.RootElement.GetProperty("error");
        Assert.Equal(-32603, error.GetProperty("code").GetInt32());
        Assert.False(error.TryGetProperty("data", out var data) && data.ValueKind != JsonValueKind.Null, $"Error data must be absent: {line}");
        Assert.DoesNotContain("4711", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", line, StringComparison.Ordinal);
        Assert.Contains(logged, e => e.Level == LogEventLevel.Error && e.Exception is InvalidOperationException);
    }
}
