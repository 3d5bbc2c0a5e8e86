using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Prism.FakeTradeRepublic;

/// <summary>
/// The websocket at <c>/</c>: refuses a connection without a valid session (401), greets <c>connect 31</c> with
/// <c>connected</c>, and answers <c>sub</c> for <c>compactPortfolioByType</c> (an <c>A</c> frame, then a <c>D</c>
/// frame with the current portfolio, or an <c>E</c> frame), <c>cash</c> (an <c>A</c> frame) and <c>ticker</c> (the
/// <see cref="FakeAccount.Tickers"/> frames of the ISIN on LSX, an <c>E</c> frame for any other, or nothing when
/// <see cref="FakeScenario.TickersSilent"/>); every <c>sub</c> gets an <c>E</c> frame with <c>AUTHENTICATION_ERROR</c>
/// when <see cref="FakeScenario.SessionEndsOnSocket"/>; <c>unsub</c> gets <c>C</c>.
/// </summary>
internal static class FakePortfolioSocket
{
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
            await ServeAsync(socket, server.Scenario, context.RequestAborted);
        });

    private static async Task ServeAsync(WebSocket socket, FakeScenario scenario, CancellationToken aborted)
    {
        while (await ReceiveAsync(socket, aborted) is { } message)
        {
            var parts = message.Split(' ', 3);
            switch (parts)
            {
                case ["connect", "31", _]:
                    await SendAsync(socket, "connected", aborted);
                    break;
                case ["sub", var id, var topic]:
                    if (topic.Contains("\"compactPortfolioByType\"", StringComparison.Ordinal))
                    {
                        await Task.Delay(scenario.PortfolioDelay, aborted);
                    }

                    foreach (var frame in Answer(id, topic, scenario))
                    {
                        await SendAsync(socket, frame, aborted);
                    }

                    break;
                case ["unsub", var id]:
                    await SendAsync(socket, $"{id} C", aborted);
                    break;
                default:
                    await socket.CloseAsync(WebSocketCloseStatus.ProtocolError, "unknown message", aborted);
                    return;
            }
        }
    }

    private static IEnumerable<string> Answer(string id, string topic, FakeScenario scenario)
    {
        if (scenario.SessionEndsOnSocket)
        {
            return [Error(id, "AUTHENTICATION_ERROR")];
        }

        using var json = JsonDocument.Parse(topic);
        var type = json.RootElement.GetProperty("type").GetString();
        if (type == "compactPortfolioByType" && !scenario.PortfolioError
            && json.RootElement.TryGetProperty("secAccNo", out var account) && account.GetString() == FakeAccount.SecuritiesAccountNumber)
        {
            return [$"{id} A {FakeAccount.StalePortfolioJson}", $"{id} D {Delta(FakeAccount.StalePortfolioJson, FakeAccount.PortfolioJson)}"];
        }

        if (type == "cash")
        {
            return [$"{id} A {FakeAccount.CashJson}"];
        }

        if (type == "ticker")
        {
            return scenario.TickersSilent ? [] : Ticker(id, json.RootElement.GetProperty("id").GetString());
        }

        var code = type == "compactPortfolioByType" && scenario.PortfolioError ? FakeAccount.PortfolioErrorCode : "BAD_SUBSCRIPTION_TYPE";
        return [Error(id, code)];
    }

    private static IEnumerable<string> Ticker(string id, string? instrument)
    {
        if (instrument?.Split('.') is not [var isin, "LSX"] || !FakeAccount.Tickers.TryGetValue(isin, out var payloads))
        {
            return [Error(id, FakeAccount.TickerErrorCode)];
        }

        return payloads.Select((payload, i) => i == 0 ? $"{id} A {payload}" : $"{id} D {Delta(payloads[i - 1], payload)}");
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

    private static Task SendAsync(WebSocket socket, string text, CancellationToken aborted) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, aborted);
}
