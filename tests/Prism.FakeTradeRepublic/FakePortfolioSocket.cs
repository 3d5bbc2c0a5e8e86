using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Prism.FakeTradeRepublic;

/// <summary>
/// The websocket at <c>/</c>: refuses a connection without a valid session (401), greets <c>connect &lt;version&gt;</c>
/// with <c>connected</c>, and answers <c>sub</c> for the portfolio topic (<c>compactPortfolioByType</c>, or under
/// <see cref="FakeScenario.NewerWebApp"/> its V2 name: an <c>A</c> frame, then a <c>D</c> frame with the current
/// portfolio, or an <c>E</c> frame), <c>cash</c> (an <c>A</c> frame), <c>instrument</c> (the
/// <see cref="FakeAccount.Instruments"/> answer, after <see cref="FakeScenario.InstrumentDelay"/>) and <c>ticker</c>
/// (the <see cref="FakeAccount.Tickers"/> frames of that instrument on that exchange, an <c>E</c> frame for any other,
/// or nothing when <see cref="FakeScenario.TickersSilent"/>); unknown topics get <c>E</c> <c>BAD_SUBSCRIPTION_TYPE</c>,
/// every <c>sub</c> gets an <c>E</c> frame with <see cref="FakeScenario.SessionEndCode"/> when <see cref="FakeScenario.SessionEndsOnSocket"/>;
/// <c>unsub</c> gets <c>C</c>. Every subscription is recorded in <see cref="FakeTradeRepublicServer.Subscriptions"/>.
/// </summary>
internal static class FakePortfolioSocket
{
    private const string ClassicPortfolioTopic = "compactPortfolioByType";

    public static void MapOn(IEndpointRouteBuilder routes, FakeTradeRepublicServer server) =>
        routes.Map("/", async context =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = 400;
                return;
            }

            if (!server.HasValidSession(context.Request))
            {
                context.Response.StatusCode = 401;
                return;
            }

            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            using var connection = new Connection(socket, server);
            try
            {
                await connection.ServeAsync(context.RequestAborted);
            }
            catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or IOException)
            {
                // The client dropped the connection while the fake was sending.
            }
            finally
            {
                server.Subscriptions.Disconnected();
            }
        });

    /// <summary>One client's websocket: frames go out one at a time, also those answered later (delayed instruments).</summary>
    private sealed class Connection(WebSocket socket, FakeTradeRepublicServer server) : IDisposable
    {
        private readonly SemaphoreSlim sending = new(1, 1);
        private readonly List<Task> later = [];
        private readonly CancellationTokenSource ended = new();
        private int number;
        private int protocolVersion;

        private FakeScenario Scenario => server.Scenario;

        public async Task ServeAsync(CancellationToken aborted)
        {
            using var connection = CancellationTokenSource.CreateLinkedTokenSource(aborted, ended.Token);
            try
            {
                await ServeMessagesAsync(connection.Token);
            }
            finally
            {
                // Answers still waiting go nowhere once the client has gone.
                await ended.CancelAsync();
                await Task.WhenAll(later.Select(answer => answer.ContinueWith(_ => { }, TaskScheduler.Default)));
            }
        }

        public void Dispose()
        {
            ended.Dispose();
            sending.Dispose();
        }

        private async Task ServeMessagesAsync(CancellationToken aborted)
        {
            while (await ReceiveAsync(socket, aborted) is { } message)
            {
                var parts = message.Split(' ', 3);
                switch (parts)
                {
                    case ["connect", var version, _] when int.TryParse(version, out protocolVersion):
                        number = server.Subscriptions.Connected(protocolVersion);
                        await SendAsync("connected", aborted);
                        break;
                    case ["sub", var id, var topic]:
                        server.Subscriptions.Subscribed(number, id, topic);
                        await AnswerAsync(id, topic, aborted);
                        break;
                    case ["unsub", var id]:
                        server.Subscriptions.Ended(number, id);
                        await SendAsync($"{id} C", aborted);
                        break;
                    default:
                        await socket.CloseAsync(WebSocketCloseStatus.ProtocolError, "unknown message", aborted);
                        return;
                }
            }
        }

        private async Task AnswerAsync(string id, string topic, CancellationToken aborted)
        {
            using var json = JsonDocument.Parse(topic);
            var type = json.RootElement.GetProperty("type").GetString();
            if (type is ClassicPortfolioTopic or FakeAccount.NewerPortfolioTopic)
            {
                await Task.Delay(Scenario.PortfolioDelay, aborted);
                if (Scenario.EndlessPortfolioMessage)
                {
                    await SendEndlesslyAsync(id, aborted);
                    return;
                }
            }

            if (type == "instrument" && Scenario.InstrumentDelay > TimeSpan.Zero)
            {
                var frames = Answer(id, json.RootElement, type).ToList();
                later.Add(Task.Run(
                    async () =>
                    {
                        await Task.Delay(Scenario.InstrumentDelay, aborted);
                        await SendAllAsync(frames, aborted);
                    },
                    aborted));
                return;
            }

            await SendAllAsync(Answer(id, json.RootElement, type), aborted);
        }

        private IEnumerable<string> Answer(string id, JsonElement topic, string? type)
        {
            if (Scenario.SessionEndsOnSocket)
            {
                return [Error(id, Scenario.SessionEndCode)];
            }

            if (IsPortfolioTopic(type) && !Scenario.PortfolioError
                && topic.TryGetProperty("secAccNo", out var account) && account.GetString() == FakeAccount.SecuritiesAccountNumber)
            {
                var (stale, current) = (Portfolio(FakeAccount.StalePortfolioJson), Portfolio(FakeAccount.PortfolioJson));
                var first = Scenario.OversizedPortfolioFrame ? FakeAccount.Padded(stale, FakeAccount.OversizedFrameBytes) : stale;
                return [$"{id} A {first}", $"{id} D {Delta(first, current)}"];
            }

            switch (type)
            {
                case "cash":
                    return [$"{id} A {FakeAccount.CashJson}"];
                case "instrument":
                    var isin = topic.GetProperty("id").GetString() ?? "";
                    return FakeAccount.Instruments.TryGetValue(isin, out var instrument)
                        ? [$"{id} A {(Scenario.UnreadableText ? FakeAccount.UnreadableInstrument(isin, instrument) : instrument)}"]
                        : [Error(id, FakeAccount.TickerErrorCode)];
                case "ticker":
                    return Scenario.TickersSilent ? [] : Ticker(id, topic.GetProperty("id").GetString());
            }

            var code = IsPortfolioTopic(type) && Scenario.PortfolioError ? FakeAccount.PortfolioErrorCode : "BAD_SUBSCRIPTION_TYPE";
            return [Error(id, code)];
        }

        /// <summary>The portfolio as this scenario holds it (the variants of <see cref="FakeScenario"/> that change it).</summary>
        private string Portfolio(string json)
        {
            json = Scenario.UnusualPositions ? FakeAccount.WithUnusualPositions(json) : json;
            json = Scenario.HeldInTwoCategories ? FakeAccount.WithSavingsPlan(json) : json;
            return Scenario.UnreadableText ? FakeAccount.WithUnreadableText(json) : json;
        }

        /// <summary>The frames of a ticker; a refusal's code and SAP's prices made unreadable under <see cref="FakeScenario.UnreadableText"/>.</summary>
        private IEnumerable<string> Ticker(string id, string? instrumentOnExchange)
        {
            if (instrumentOnExchange is null || !FakeAccount.Tickers.TryGetValue(instrumentOnExchange, out var payloads))
            {
                return [Error(id, Scenario.UnreadableText ? FakeAccount.UnreadableErrorCode : FakeAccount.TickerErrorCode)];
            }

            if (Scenario.UnreadableText)
            {
                payloads = [.. payloads.Select(payload => FakeAccount.UnreadableTicker(instrumentOnExchange, payload))];
            }

            return payloads.Select((payload, i) => i == 0 ? $"{id} A {payload}" : $"{id} D {Delta(payloads[i - 1], payload)}");
        }

        /// <summary>Whether <paramref name="type"/> is the portfolio topic of the web app this scenario plays, on this connection's protocol version.</summary>
        private bool IsPortfolioTopic(string? type) => Scenario.NewerWebApp
            ? type == FakeAccount.NewerPortfolioTopic && protocolVersion >= FakeAccount.NewerProtocolVersion
            : type == ClassicPortfolioTopic;

        /// <summary>The start of an <c>A</c> frame, then 1 KiB fragments every 20 ms without an end, until the client is gone.</summary>
        private async Task SendEndlesslyAsync(string id, CancellationToken aborted)
        {
            await sending.WaitAsync(aborted);
            try
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes($"{id} A {{\"padding\":\""), WebSocketMessageType.Text, endOfMessage: false, aborted);
                var fragment = Encoding.UTF8.GetBytes(new string(' ', 1024));
                while (true)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(20), aborted);
                    await socket.SendAsync(fragment, WebSocketMessageType.Text, endOfMessage: false, aborted);
                }
            }
            finally
            {
                sending.Release();
            }
        }

        private async Task SendAllAsync(IEnumerable<string> frames, CancellationToken aborted)
        {
            foreach (var frame in frames)
            {
                await SendAsync(frame, aborted);
            }
        }

        private async Task SendAsync(string text, CancellationToken aborted)
        {
            await sending.WaitAsync(aborted);
            try
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, aborted);
            }
            finally
            {
                sending.Release();
            }
        }
    }

    private static string Error(string id, string code) =>
        $$$"""{{{id}}} E {"errors":[{"errorCode":"{{{code}}}","errorMessage":"","meta":{}}]}""";

    /// <summary>Trade Republic's delta from <paramref name="previous"/> to <paramref name="next"/>: copy the common prefix, skip the old middle, insert the new one, copy the common suffix.</summary>
    public static string Delta(string previous, string next)
    {
        var prefix = 0;
        while (prefix < previous.Length && prefix < next.Length && previous[prefix] == next[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < previous.Length - prefix && suffix < next.Length - prefix && previous[^(suffix + 1)] == next[^(suffix + 1)])
        {
            suffix++;
        }

        var inserted = Uri.EscapeDataString(next[prefix..^suffix]).Replace("%20", "+", StringComparison.Ordinal);
        return $"={prefix}\t-{previous.Length - prefix - suffix}\t+{inserted}\t={suffix}";
    }

    private static async Task<string?> ReceiveAsync(WebSocket socket, CancellationToken aborted)
    {
        var buffer = new byte[16 * 1024];
        var message = new MemoryStream();
        try
        {
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer, aborted);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", aborted);
                    return null;
                }

                message.Write(buffer, 0, received.Count);
                if (received.EndOfMessage)
                {
                    return Encoding.UTF8.GetString(message.ToArray());
                }
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            return null;
        }
    }
}
