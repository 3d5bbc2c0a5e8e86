using System.Diagnostics;
using System.Text.Json;
using Prism.Daemon.Upstream;
using Prism.Protocol;
using Serilog;

namespace Prism.Daemon.Portfolio;

/// <summary>
/// Reads the portfolio over one Trade Republic websocket: a snapshot of the portfolio topic
/// (<see cref="TradeRepublicSettings.PortfolioTopic"/>) and <c>cash</c> (positions of all categories flattened), then
/// the positions' prices. The portfolio and cash must answer or the fetch fails; prices may be missing, and so may
/// members of a position Trade Republic describes unexpectedly.
/// </summary>
internal sealed class PortfolioReader(TradeRepublicSettings settings, PositionPricer pricer, ILogger log)
{
    private const string What = "the portfolio subscription";

    /// <summary>Trade Republic's code for a subscription type it does not know (a topic renamed by a newer web app).</summary>
    private const string UnknownTopicCode = "BAD_SUBSCRIPTION_TYPE";

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
            var answers = await SubscriptionSnapshot.TakeAsync(socket, [SubscriptionTopic.Portfolio(settings.PortfolioTopic, securitiesAccountNumber), SubscriptionTopic.Cash()], limit.Token);
            var positions = PortfolioPayload.Positions(PortfolioPayloadOf(answers[0]));
            var cash = PortfolioPayload.Cash(PayloadOf(answers[1]));
            LogOddities(positions);
            // Asked only now: the instruments to ask are the positions'. They get what is left of the fetch's time
            // limit, so a slow portfolio answer costs prices, never the fetch.
            var timeLeft = settings.RequestTimeout - clock.Elapsed - UnsubscribeReserve;
            return new FetchPortfolioResult(await pricer.PriceAsync(socket, positions.Positions, timeLeft, limit.Token), cash);
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

    /// <summary>
    /// Counts at Warning what was unexpected about the positions (member names and kinds only: a user may share the
    /// log), and names each position at Debug.
    /// </summary>
    private void LogOddities(PortfolioPositions read)
    {
        foreach (var (leftOut, oddities) in read.Oddities.GroupBy(oddity => oddity.LeftOut).Select(group => (group.Key, group.ToList())))
        {
            var problems = string.Join("; ", oddities.SelectMany(oddity => oddity.Problems).GroupBy(problem => problem).Select(group => $"{group.Key}: {group.Count()}"));
            if (leftOut)
            {
                log.Warning("Left out {Count} portfolio position(s) Trade Republic sent without an ISIN or instrument id or without a quantity ({Problems}); its web API may have changed", oddities.Count, problems);
            }
            else
            {
                log.Warning("{Count} of {Positions} portfolio position(s) came in an unexpected form and are listed with what could be read ({Problems})", oddities.Count, read.Positions.Count, problems);
            }

            foreach (var oddity in oddities)
            {
                log.Debug("Position {Id}: {Problems}", oddity.Id ?? "without id", string.Join("; ", oddity.Problems));
            }
        }
    }

    private string PortfolioPayloadOf(SubscriptionAnswer answer) =>
        answer.Kind == AnswerKind.Error && UpstreamErrors.FirstErrorCode(answer.Text) == UnknownTopicCode ? throw TopicUnknown() : PayloadOf(answer);

    private static string PayloadOf(SubscriptionAnswer answer) => answer.Kind switch
    {
        AnswerKind.Payload => answer.Text,
        AnswerKind.Error => throw SessionFailure.PortfolioError(UpstreamErrors.FirstErrorCode(answer.Text)),
        AnswerKind.Closed => throw SessionFailure.UnexpectedAnswer(What, "Trade Republic closed it before sending a payload"),
        _ => throw SessionFailure.UnexpectedAnswer(What, answer.Text),
    };

    /// <summary>The web app has moved to a topic or protocol the settings do not name yet: the message says which two settings follow it.</summary>
    private SessionFailure TopicUnknown() => new(
        ApplicationErrorCode.UpstreamError,
        $"Trade Republic does not know the subscription '{settings.PortfolioTopic}' on websocket protocol {settings.WebSocketProtocolVersion} ({UnknownTopicCode}); " +
        $"its web app has moved on. Set {TradeRepublicSettings.PortfolioTopicVariable} to the portfolio topic it uses now (reported: compactPortfolioByTypeV2) " +
        $"and {TradeRepublicSettings.WebSocketProtocolVersionVariable} to its protocol version (reported: 34), then fetch again.",
        UnknownTopicCode);
}
