using System.Text.Json;
using Prism.Daemon.Session;
using Prism.Protocol;
using Serilog;

namespace Prism.Daemon.Portfolio;

/// <summary>
/// Adds each position's price and value from Trade Republic's ticker on <see cref="SubscriptionTopic.PriceExchange"/>,
/// asked for all positions at once on the portfolio's socket. Prices are an extra on top of the portfolio: a ticker
/// that is refused (an instrument not traded there), stays silent past the budget or says something unreadable leaves
/// its position without price and value, and the fetch goes on.
/// </summary>
internal sealed class PositionPricer(TimeSpan budget, ILogger log)
{
    /// <summary>The positions with the prices their tickers gave within the budget, or within <paramref name="timeLeft"/> when that is shorter.</summary>
    public async Task<IReadOnlyList<PortfolioPosition>> PriceAsync(TradeRepublicSocket socket, IReadOnlyList<PortfolioPosition> positions, TimeSpan timeLeft, CancellationToken cancellation)
    {
        string[] isins = [.. positions.Select(position => position.Isin).Distinct(StringComparer.Ordinal)];
        if (isins.Length == 0)
        {
            return positions;
        }

        var wait = timeLeft < budget ? timeLeft : budget;
        if (wait <= TimeSpan.Zero)
        {
            log.Information("No prices: the portfolio took the fetch's whole time limit");
            return positions;
        }

        var answers = await SubscriptionSnapshot.TakeWithinAsync(socket, [.. isins.Select(SubscriptionTopic.Ticker)], wait, cancellation);
        var prices = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < isins.Length; i++)
        {
            if (PriceOf(isins[i], answers[i], wait) is { } price)
            {
                prices[isins[i]] = price;
            }
        }

        if (prices.Count < isins.Length)
        {
            log.Information("Prices for {Priced} of {Instruments} instruments; the others are shown without price and value", prices.Count, isins.Length);
        }

        return [.. positions.Select(position => prices.TryGetValue(position.Isin, out var price) ? WithPrice(position, price) : position)];
    }

    /// <summary>
    /// The ticker's price, or null with the reason logged at Debug: the ISINs together are the person's holdings,
    /// which the log at its usual level does not list.
    /// </summary>
    private string? PriceOf(string isin, SubscriptionAnswer? answer, TimeSpan wait)
    {
        if (answer is { Kind: AnswerKind.Payload } && PriceIn(answer.Text) is { } price)
        {
            return price;
        }

        log.Debug("No price for {Isin}: {Reason}", isin, WhyNoPrice(answer, wait));
        return null;
    }

    private static string? PriceIn(string payload)
    {
        try
        {
            return PortfolioPayload.Price(payload);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string WhyNoPrice(SubscriptionAnswer? answer, TimeSpan wait) => answer?.Kind switch
    {
        null => $"its ticker did not answer within {wait.TotalSeconds:0.#} s",
        AnswerKind.Error => $"Trade Republic refused its ticker ({UpstreamErrors.FirstErrorCode(answer.Text) ?? "no error code"}); it may not be traded on {SubscriptionTopic.PriceExchange}",
        AnswerKind.Closed => "Trade Republic closed its ticker before sending a price",
        AnswerKind.Unreadable => $"its ticker's delta was unreadable ({answer.Text})",
        _ => "its ticker holds neither a last nor a bid price (or is not JSON)",
    };

    private PortfolioPosition WithPrice(PortfolioPosition position, string price)
    {
        var value = PositionValue.Of(position.Quantity, price);
        if (value is null)
        {
            log.Debug("No value for {Isin}: its quantity times its price is not a decimal within range", position.Isin);
        }

        return position with { Price = price, Value = value };
    }
}
