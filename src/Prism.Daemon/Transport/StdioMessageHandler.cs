using System.Buffers;
using Prism.Protocol;
using Serilog;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace Prism.Daemon.Transport;

/// <summary>
/// StreamJsonRpc's view of stdin/stdout. Reading hands the engine only the requests the <see cref="RequestScreen"/>
/// forwards, answers the bad lines itself and carries out the notifications that act (<c>$/cancelRequest</c>,
/// <c>shutdown</c>) before it reads on; at the end of input (or on a stop request) it waits until every accepted
/// request has been answered before it reports the end, so no reply is lost when stdin closes — unless stdout takes
/// nothing for <see cref="ProtocolWriter.StallLimit"/>, then the daemon exits 1 without them. Reading that fails —
/// stdin broken, or a bug in reading or screening — ends the input the same way (<see cref="InputFailure"/> says why),
/// never the connection with the replies owed: the engine would drop them, and the exception would end the process.
/// While <see cref="MaxRepliesOwed"/> replies are owed (stdout is not read, or requests pile up) it reads no further
/// input, notifications included: the client's writes then block, instead of the daemon holding work without bound.
/// Writing goes through the one <see cref="ProtocolWriter"/>.
/// </summary>
internal sealed class StdioMessageHandler(
    BoundedLineReader reader,
    RequestScreen screen,
    ProtocolWriter writer,
    IJsonRpcMessageFormatter formatter,
    RequestCancellations cancellations,
    StopSignal stop,
    ILogger log) : IJsonRpcMessageHandler
{
    /// <summary>
    /// Far more than any client keeps in flight (session methods run one at a time anyway), few enough that the
    /// replies held stay small. A <c>$/cancelRequest</c> sent while this many are owed is read once one is answered.
    /// </summary>
    public const int MaxRepliesOwed = 256;

    private readonly PendingReplies pending = new();

    public bool CanRead => true;

    public bool CanWrite => true;

    public IJsonRpcMessageFormatter Formatter => formatter;

    /// <summary>Why reading ended before the end of input, or null while it has not (or ended at EOF or a stop).</summary>
    public Exception? InputFailure { get; private set; }

    /// <summary>The next message for the engine; null (end of connection) only once every reply owed was written.</summary>
    public async ValueTask<JsonRpcMessage?> ReadAsync(CancellationToken cancellationToken)
    {
        if (InputFailure is null)
        {
            try
            {
                if (await ReadRequestAsync(cancellationToken) is { } message)
                {
                    return message;
                }
            }
            catch (Exception exception) when (!(exception is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                InputFailure = exception;
                log.Error(exception, "Reading input failed; answering the requests already read, then exiting");
            }
        }

        log.Debug("Input finished; waiting for the replies still owed");
        var answered = pending.WhenAllAnsweredAsync();
        // A stdout nobody reads would hold the exit forever; the writer gives up on it (Lost) instead.
        await Task.WhenAll(answered, writer.WatchForStallAsync(answered)).WaitAsync(cancellationToken);
        return null;
    }

    /// <summary>Writes one message as one flushed line; a result or error settles one reply owed.</summary>
    public async ValueTask WriteAsync(JsonRpcMessage content, CancellationToken cancellationToken)
    {
        try
        {
            await writer.WriteLineAsync(buffer => formatter.Serialize(buffer, content), cancellationToken);
        }
        finally
        {
            if (content is JsonRpcResult or JsonRpcError)
            {
                pending.Answered();
            }
        }
    }

    /// <summary>The next request for the engine; null at the end of input (EOF or a stop).</summary>
    private async ValueTask<JsonRpcMessage?> ReadRequestAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            switch (await NextLineOrStopAsync(cancellationToken))
            {
                case CompleteLine line:
                    if (await AcceptAsync(line.Utf8, cancellationToken) is { } message)
                    {
                        return message;
                    }

                    continue;
                case OverlongLine overlong:
                    log.Warning("Discarded an input line of {Length} bytes (limit {Limit})", overlong.Length, reader.MaxLineBytes);
                    await ReplyAsync(ErrorReply.LineTooLong(overlong.Length, reader.MaxLineBytes), cancellationToken);
                    continue;
                default:
                    return null;
            }
        }
    }

    /// <summary>
    /// The next input line once fewer than <see cref="MaxRepliesOwed"/> replies are owed, or end of input once a
    /// stop was requested (a blocked read is abandoned).
    /// </summary>
    private async Task<InputLine> NextLineOrStopAsync(CancellationToken cancellationToken)
    {
        var room = pending.WhenFewerThanAsync(MaxRepliesOwed);
        if (!room.IsCompleted)
        {
            log.Debug("{Count} replies are owed; reading no more input until stdout takes them", MaxRepliesOwed);
            await Task.WhenAny(room, stop.Requested).WaitAsync(cancellationToken);
        }

        if (stop.Requested.IsCompleted)
        {
            return EndOfInput.Instance;
        }

        var read = reader.ReadLineAsync(cancellationToken).AsTask();
        var first = await Task.WhenAny(read, stop.Requested).WaitAsync(cancellationToken);
        return first == read ? await read : EndOfInput.Instance;
    }

    /// <summary>The message for the engine, or null when the line was answered or carried out here, or needs nothing.</summary>
    private async ValueTask<JsonRpcMessage?> AcceptAsync(byte[] line, CancellationToken cancellationToken)
    {
        switch (screen.Screen(line))
        {
            case Reject reject:
                log.Information("Rejected an input line: {Code} {Message}", reject.Reply.Code, reject.Reply.Message);
                await ReplyAsync(reject.Reply, cancellationToken);
                return null;
            case Ignore ignore:
                log.Debug("Ignored an input line: {Reason}", ignore.Reason);
                return null;
            case Drop drop:
                log.Warning("Dropped {Notification}", drop.Reason);
                return null;
            case Cancel cancel:
                var cancelled = await cancellations.CancelAsync(cancel.Id);
                log.Debug("{MethodName} for request {RequestId}: {Outcome}", MethodNames.CancelRequest, cancel.Id, cancelled ? "cancelled" : "not running (answered already?)");
                return null;
            case Stop:
                log.Information("shutdown notification: stopping after the replies still owed");
                stop.Request();
                return null;
            case Forward forward:
                return await DeserializeAsync(line, forward, cancellationToken);
            case var unknown:
                throw new InvalidOperationException($"Unhandled screen verdict {unknown}.");
        }
    }

    /// <summary>The engine's message for a forwarded line; a line the formatter still refuses is answered -32600.</summary>
    private async ValueTask<JsonRpcMessage?> DeserializeAsync(byte[] line, Forward forward, CancellationToken cancellationToken)
    {
        JsonRpcMessage message;
        try
        {
            message = formatter.Deserialize(new ReadOnlySequence<byte>(line));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            log.Warning(exception, "The JSON-RPC formatter refused a request the screen let through");
            await ReplyAsync(ErrorReply.NotARequest("the request could not be read as JSON-RPC 2.0.", forward.Id), cancellationToken);
            return null;
        }

        pending.Accepted();
        return message;
    }

    private ValueTask ReplyAsync(ErrorReply reply, CancellationToken cancellationToken) =>
        writer.WriteLineAsync(reply.WriteTo, cancellationToken);
}
