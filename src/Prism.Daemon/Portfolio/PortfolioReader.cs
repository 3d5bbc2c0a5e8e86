using System.Buffers;
using System.Text;
using System.Text.Json;
using Prism.Daemon.Session;
using Prism.Protocol;

namespace Prism.Daemon.Portfolio;

/// <summary>
/// Reads the portfolio over Trade Republic's websocket: subscribes to <c>compactPortfolioByType</c> and <c>cash</c>,
/// follows their <c>A</c>/<c>D</c> frames until both have a payload, and flattens the positions of all categories.
/// </summary>
internal sealed class PortfolioReader(TradeRepublicSettings settings)
{
    public async Task<FetchPortfolioResult> ReadAsync(SessionCookies cookies, string securitiesAccountNumber, CancellationToken cancellation)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        limit.CancelAfter(settings.RequestTimeout);
        try
        {
            await using var socket = await TradeRepublicSocket.ConnectAsync(settings, cookies, limit.Token);
            var portfolioId = await socket.SubscribeAsync(Topic("compactPortfolioByType", securitiesAccountNumber), limit.Token);
            var cashId = await socket.SubscribeAsync(Topic("cash", secAccNo: null), limit.Token);
            var payloads = await CollectAsync(socket, [portfolioId, cashId], limit.Token);
            await socket.UnsubscribeAsync(portfolioId, limit.Token);
            await socket.UnsubscribeAsync(cashId, limit.Token);
            return new FetchPortfolioResult(PortfolioPayload.Positions(payloads[portfolioId]), PortfolioPayload.Cash(payloads[cashId]));
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            throw SessionFailure.Timeout("the portfolio subscription", settings.RequestTimeout);
        }
        catch (Exception exception) when (exception is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            throw SessionFailure.UnexpectedAnswer("the portfolio subscription", exception.Message);
        }
    }

    /// <summary>Follows frames until every subscription in <paramref name="ids"/> has a payload; the latest one wins.</summary>
    private static async Task<Dictionary<int, string>> CollectAsync(TradeRepublicSocket socket, int[] ids, CancellationToken cancellation)
    {
        var latest = new Dictionary<int, string>();
        while (!ids.All(latest.ContainsKey))
        {
            if (SubscriptionFrame.TryParse(await socket.ReceiveAsync(cancellation)) is not { } frame || !ids.Contains(frame.SubscriptionId))
            {
                continue;
            }

            switch (frame.Kind)
            {
                case FrameKind.Full:
                    latest[frame.SubscriptionId] = frame.Payload;
                    break;
                case FrameKind.Delta:
                    latest[frame.SubscriptionId] = DeltaDecoder.Apply(
                        latest.TryGetValue(frame.SubscriptionId, out var previous) ? previous : throw new FormatException("A delta frame arrived before any full payload."),
                        frame.Payload);
                    break;
                case FrameKind.Error:
                    await socket.UnsubscribeAsync(frame.SubscriptionId, cancellation);
                    throw SessionFailure.PortfolioError(UpstreamErrors.FirstErrorCode(frame.Payload));
                case FrameKind.Closed:
                    throw SessionFailure.UnexpectedAnswer("the portfolio subscription", "Trade Republic closed it before sending a payload");
            }
        }

        return latest;
    }

    private static string Topic(string type, string? secAccNo)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", type);
            if (secAccNo is not null)
            {
                json.WriteString("secAccNo", secAccNo);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
