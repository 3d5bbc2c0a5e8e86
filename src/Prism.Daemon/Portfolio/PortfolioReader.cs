using System.Diagnostics;
using System.Text.Json;
using Prism.Daemon.Session;
using Prism.Protocol;

namespace Prism.Daemon.Portfolio;

/// <summary>
/// Reads the portfolio over one Trade Republic websocket: a snapshot of <c>compactPortfolioByType</c> and <c>cash</c>
/// (positions of all categories flattened), then the positions' prices from their tickers. The portfolio and cash
/// must answer or the fetch fails; prices may be missing.
/// </summary>
internal sealed class PortfolioReader(TradeRepublicSettings settings, PositionPricer pricer)
{
    private const string What = "the portfolio subscription";

    /// <summary>Kept back from the prices' wait for unsubscribing the tickers within the fetch's time limit.</summary>
    private static readonly TimeSpan UnsubscribeReserve = TimeSpan.FromSeconds(1);

    public async Task<FetchPortfolioResult> ReadAsync(SessionCookies cookies, string securitiesAccountNumber, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        limit.CancelAfter(settings.RequestTimeout);
        try
        {
            await using var socket = await TradeRepublicSocket.ConnectAsync(settings, cookies, limit.Token);
            var answers = await SubscriptionSnapshot.TakeAsync(socket, [SubscriptionTopic.Portfolio(securitiesAccountNumber), SubscriptionTopic.Cash()], limit.Token);
            var positions = PortfolioPayload.Positions(PayloadOf(answers[0]));
            var cash = PortfolioPayload.Cash(PayloadOf(answers[1]));
            // Asked only now: the tickers to ask are the positions'. They get what is left of the fetch's time limit,
            // so a slow portfolio answer costs prices, never the fetch.
            var timeLeft = settings.RequestTimeout - clock.Elapsed - UnsubscribeReserve;
            return new FetchPortfolioResult(await pricer.PriceAsync(socket, positions, timeLeft, limit.Token), cash);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            throw SessionFailure.Timeout(What, settings.RequestTimeout);
        }
        catch (Exception exception) when (exception is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            throw SessionFailure.UnexpectedAnswer(What, exception.Message);
        }
    }

    private static string PayloadOf(SubscriptionAnswer answer) => answer.Kind switch
    {
        AnswerKind.Payload => answer.Text,
        AnswerKind.Error => throw SessionFailure.PortfolioError(UpstreamErrors.FirstErrorCode(answer.Text)),
        AnswerKind.Closed => throw SessionFailure.UnexpectedAnswer(What, "Trade Republic closed it before sending a payload"),
        _ => throw SessionFailure.UnexpectedAnswer(What, answer.Text),
    };
}
