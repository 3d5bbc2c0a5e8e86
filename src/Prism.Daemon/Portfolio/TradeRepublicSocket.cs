using System.Buffers;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Prism.Daemon.Upstream;

namespace Prism.Daemon.Portfolio;

/// <summary>
/// A websocket to Trade Republic carrying the session cookies, past the <c>connect</c> handshake (protocol version
/// <see cref="TradeRepublicSettings.WebSocketProtocolVersion"/>): text messages
/// in and out, subscriptions numbered from 1. Failures become <see cref="SessionFailure"/>s. It lives no longer than
/// the call that opened it: when that call's token is cancelled (its time limit, <c>$/cancelRequest</c>, a logout) the
/// socket is aborted at once, so no receive runs on for a caller that gave up. A message is read to at most
/// <see cref="MaxMessageBytes"/>.
/// </summary>
internal sealed class TradeRepublicSocket : IAsyncDisposable
{
    /// <summary>The most of one message the daemon reads: Trade Republic's largest, a big portfolio, is tens of KiB.</summary>
    public const int MaxMessageBytes = 4 * 1024 * 1024;

    /// <summary>What an <c>E</c> frame says when the session ended: <c>AUTHENTICATION_ERROR</c>, or <c>UNAUTHORIZED</c> as some clients see it.</summary>
    private static readonly string[] SessionEndedCodes = ["AUTHENTICATION_ERROR", "UNAUTHORIZED"];

    private readonly ClientWebSocket socket;
    private CancellationTokenRegistration abortWhenCallEnds;
    private int lastSubscriptionId;
    private Task<string>? pendingReceive;

    private TradeRepublicSocket(ClientWebSocket socket) => this.socket = socket;

    /// <summary>
    /// Connects to <see cref="TradeRepublicSettings.WebSocketUrl"/> and waits for Trade Republic's <c>connected</c>;
    /// <paramref name="cancellation"/> is the call's, for as long as the socket lives.
    /// </summary>
    public static async Task<TradeRepublicSocket> ConnectAsync(TradeRepublicSettings settings, SessionCookies cookies, CancellationToken cancellation)
    {
        var socket = new ClientWebSocket();
        // Keeps the handshake's status code, so a 401 (session over) is told apart from a network failure.
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("User-Agent", settings.UserAgent);
        if (cookies.Header() is { } cookieHeader)
        {
            socket.Options.SetRequestHeader("Cookie", cookieHeader);
        }

        var connection = new TradeRepublicSocket(socket);
        try
        {
            await socket.ConnectAsync(settings.WebSocketUrl, cancellation);
            connection.abortWhenCallEnds = cancellation.Register(static state => ((ClientWebSocket)state!).Abort(), socket);
            await connection.SendAsync($"connect {settings.WebSocketProtocolVersion} {ConnectPayload(settings.Locale)}", cancellation);
            var greeting = await connection.ReceiveAsync(cancellation);
            if (!greeting.StartsWith("connected", StringComparison.Ordinal))
            {
                throw SessionFailure.UnexpectedAnswer("the websocket connect", "no 'connected' greeting");
            }

            return connection;
        }
        catch (WebSocketException exception) when (socket.HttpStatusCode == HttpStatusCode.Unauthorized)
        {
            await connection.DisposeAsync();
            throw SessionFailure.SessionExpired(exception.WebSocketErrorCode.ToString());
        }
        catch (WebSocketException exception)
        {
            await connection.DisposeAsync();
            throw SessionFailure.Unreachable("the portfolio websocket", settings.WebSocketUrl.Authority, exception.WebSocketErrorCode.ToString());
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Subscribes to <paramref name="topicJson"/>; returns the subscription's id.</summary>
    public async Task<int> SubscribeAsync(string topicJson, CancellationToken cancellation)
    {
        var id = Interlocked.Increment(ref lastSubscriptionId);
        await SendAsync($"sub {id} {topicJson}", cancellation);
        return id;
    }

    public Task UnsubscribeAsync(int id, CancellationToken cancellation) => SendAsync($"unsub {id}", cancellation);

    /// <summary>
    /// The next text message. Cancelling <paramref name="cancellation"/> stops the waiting, not the receive: a
    /// cancelled <see cref="ClientWebSocket.ReceiveAsync(Memory{byte}, CancellationToken)"/> aborts the socket, and a
    /// price budget running out must leave it open for the unsubscriptions. The next call picks up the same receive; the
    /// call's own end aborts it (see <see cref="ConnectAsync"/>). An <c>E</c> frame saying the session ended
    /// (<see cref="SessionEndedCodes"/>, whichever subscription it is for) means exactly what HTTP 401 means: it throws
    /// <see cref="SessionFailure.SessionExpired"/>.
    /// </summary>
    public async Task<string> ReceiveAsync(CancellationToken cancellation)
    {
        pendingReceive ??= ReceiveMessageAsync();
        string message;
        try
        {
            message = await pendingReceive.WaitAsync(cancellation);
        }
        catch (Exception exception) when (cancellation.IsCancellationRequested && exception is not OperationCanceledException)
        {
            // The call's end aborted the socket, and the receive may fail of that before the waiting sees the cancellation.
            throw new OperationCanceledException(cancellation);
        }

        pendingReceive = null;
        return SubscriptionFrame.TryParse(message) is { Kind: FrameKind.Error } error && UpstreamErrors.FirstErrorCode(error.Payload) is { } code && SessionEndedCodes.Contains(code)
            ? throw SessionFailure.SessionExpired(code)
            : message;
    }

    /// <summary>
    /// One text message, reassembled from its fragments; ended by the server's close, by disposing the socket, or by a
    /// message longer than <see cref="MaxMessageBytes"/>, which aborts the socket rather than reading the rest.
    /// </summary>
    private async Task<string> ReceiveMessageAsync()
    {
        var message = new ArrayBufferWriter<byte>();
        while (true)
        {
            var received = await socket.ReceiveAsync(message.GetMemory(16 * 1024), CancellationToken.None);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                throw SessionFailure.UnexpectedAnswer("the portfolio websocket", $"the server closed it ({socket.CloseStatus})");
            }

            message.Advance(received.Count);
            if (message.WrittenCount > MaxMessageBytes)
            {
                socket.Abort();
                throw SessionFailure.AnswerTooLarge("a portfolio websocket subscription", $"{MaxMessageBytes / (1024 * 1024)} MiB per message");
            }

            if (received.EndOfMessage)
            {
                return Encoding.UTF8.GetString(message.WrittenSpan);
            }
        }
    }

    private Task SendAsync(string text, CancellationToken cancellation) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, cancellation);

    /// <summary>The web app's <c>connect</c> payload (locale configurable, the rest as the reference gives it).</summary>
    private static string ConnectPayload(string locale)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("locale", locale);
            json.WriteString("platformId", "webtrading");
            json.WriteString("platformVersion", "chrome - 94.0.4606");
            json.WriteString("clientId", "app.traderepublic.com");
            json.WriteString("clientVersion", "5582");
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public async ValueTask DisposeAsync()
    {
        await abortWhenCallEnds.DisposeAsync();
        if (socket.State == WebSocketState.Open)
        {
            using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", bounded.Token);
            }
            catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
            {
                // The portfolio is read; a server that does not finish the closing handshake costs nothing.
            }
        }

        socket.Dispose();
        if (pendingReceive is { } abandoned)
        {
            try
            {
                // Observed, so that the receive the last caller stopped waiting for fails nowhere unnoticed.
                await abandoned;
            }
            catch (Exception exception) when (exception is WebSocketException or IOException or InvalidOperationException or OperationCanceledException or SessionFailure)
            {
                // The socket is gone; whatever it would have said is no longer wanted.
            }
        }
    }
}
