using System.Buffers;
using Serilog;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace Prism.Daemon.Transport;

/// <summary>
/// StreamJsonRpc's view of stdin/stdout. Reading hands the engine only lines the <see cref="RequestScreen"/>
/// forwards and answers the rest itself; at the end of input (or on a stop request) it waits until every
/// accepted request has been answered before it reports the end, so no reply is lost when stdin closes — unless
/// stdout takes nothing for <see cref="ProtocolWriter.StallLimit"/>, then the daemon exits 1 without them.
/// While <see cref="MaxRepliesOwed"/> replies are owed (stdout is not read, or requests pile up) it reads no
/// further input: the client's writes then block, instead of the daemon holding replies without bound.
/// Writing goes through the one <see cref="ProtocolWriter"/>.
/// </summary>
internal sealed class StdioMessageHandler(
    BoundedLineReader reader,
    RequestScreen screen,
    ProtocolWriter writer,
    IJsonRpcMessageFormatter formatter,
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

    /// <summary>The next message for the engine; null (end of connection) only once every reply owed was written.</summary>
    public async ValueTask<JsonRpcMessage?> ReadAsync(CancellationToken cancellationToken)
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
                    log.Debug("Input finished; waiting for the replies still owed");
                    var answered = pending.WhenAllAnsweredAsync();
                    // A stdout nobody reads would hold the exit forever; the writer gives up on it (Lost) instead.
                    await Task.WhenAll(answered, writer.WatchForStallAsync(answered)).WaitAsync(cancellationToken);
                    return null;
            }
        }
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

    /// <summary>The message for the engine, or null when the line was answered here or needs no answer.</summary>
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
            if (forward.Id is { } id)
            {
                await ReplyAsync(ErrorReply.NotARequest("the request could not be read as JSON-RPC 2.0.", id), cancellationToken);
            }

            return null;
        }

        if (forward.ExpectsReply)
        {
            pending.Accepted();
        }

        return message;
    }

    private ValueTask ReplyAsync(ErrorReply reply, CancellationToken cancellationToken) =>
        writer.WriteLineAsync(reply.WriteTo, cancellationToken);
}
