using System.Text.Json;
using Prism.Daemon.Upstream;
using Prism.Protocol;
using Serilog;

namespace Prism.Daemon.Portfolio;

/// <summary>
/// Adds each position's price, venue and value the way pytr finds them: the instrument's details first (its
/// exchanges, short name and type), then its ticker on the first exchange it lists. All instruments are asked at once
/// on the portfolio's socket, and each ticker as soon as its instrument has answered, so the whole lookup takes about
/// two round trips whatever the number of positions. Prices are an extra on top of the portfolio: an instrument or
/// ticker that is refused, stays silent past the budget or says something unreadable leaves its position without
/// price and value, and the fetch goes on.
/// </summary>
internal sealed class PositionPricer(TimeSpan budget, ILogger log)
{
    /// <summary>The positions with the prices found within the budget, or within <paramref name="timeLeft"/> when that is shorter.</summary>
    public async Task<IReadOnlyList<PortfolioPosition>> PriceAsync(TradeRepublicSocket socket, IReadOnlyList<PortfolioPosition> positions, TimeSpan timeLeft, CancellationToken cancellation)
    {
        string[] ids = [.. positions.Select(PositionsBySecurity.IdOf).Distinct(StringComparer.Ordinal)];
        if (ids.Length == 0)
        {
            return positions;
        }

        var wait = timeLeft < budget ? timeLeft : budget;
        if (wait <= TimeSpan.Zero)
        {
            log.Information("No prices: the portfolio took the fetch's whole time limit");
            return positions;
        }

        var lookups = await LookUpAsync(socket, ids, wait, cancellation);
        var priced = positions.Select(position => WithPrice(position, lookups[PositionsBySecurity.IdOf(position)], wait)).ToList();
        var instrumentsPriced = ids.Count(id => lookups[id].Price is not null);
        if (instrumentsPriced < ids.Length)
        {
            log.Information("Prices for {Priced} of {Instruments} instruments; the others are shown without price and value", instrumentsPriced, ids.Length);
        }

        return priced;
    }

    /// <summary>Asks every instrument, then each one's ticker as its instrument answers, until all have answered or <paramref name="wait"/> is over; unsubscribes them all.</summary>
    private async Task<Dictionary<string, PriceLookup>> LookUpAsync(TradeRepublicSocket socket, string[] ids, TimeSpan wait, CancellationToken cancellation)
    {
        var snapshot = new SubscriptionSnapshot(socket);
        var byInstrument = new Dictionary<int, PriceLookup>();
        var lookups = new Dictionary<string, PriceLookup>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            var lookup = new PriceLookup(id);
            lookups[id] = lookup;
            byInstrument[await snapshot.SubscribeAsync(SubscriptionTopic.Instrument(id), cancellation)] = lookup;
        }

        var byTicker = new Dictionary<int, PriceLookup>();
        using (var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellation))
        {
            waiting.CancelAfter(wait);
            try
            {
                while (!snapshot.AllAnswered)
                {
                    var answered = await snapshot.NextAnswerAsync(waiting.Token);
                    if (byInstrument.TryGetValue(answered, out var lookup))
                    {
                        // Sent with the caller's token: cancelling a send would abort the socket.
                        lookup.Exchange = ExchangeFor(lookup, snapshot.AnswerOf(answered)!);
                        byTicker[await snapshot.SubscribeAsync(SubscriptionTopic.Ticker(lookup.Id, lookup.Exchange), cancellation)] = lookup;
                    }
                }
            }
            catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
            {
                // The budget is over: the silent subscriptions stay without an answer. The socket is still open
                // (only the waiting was cancelled), so they are unsubscribed below like the others.
            }
        }

        await snapshot.UnsubscribeAllAsync(cancellation);
        foreach (var (subscription, lookup) in byTicker)
        {
            lookup.Ticker = snapshot.AnswerOf(subscription);
            lookup.Price = lookup.Ticker is { Kind: AnswerKind.Payload } ticker ? PriceIn(ticker.Text) : null;
        }

        return lookups;
    }

    /// <summary>The first exchange the instrument's details list; <see cref="SubscriptionTopic.DefaultExchange"/> when they list none or were refused.</summary>
    private string ExchangeFor(PriceLookup lookup, SubscriptionAnswer instrument)
    {
        lookup.Details = instrument.Kind == AnswerKind.Payload ? InstrumentDetails.Read(instrument.Text) : null;
        if (lookup.Details?.FirstExchange is { } exchange)
        {
            return exchange;
        }

        log.Debug("No exchange for {Id} from its instrument details ({Reason}); asking {Exchange}", lookup.Id, WhyNoDetails(instrument, lookup.Details), SubscriptionTopic.DefaultExchange);
        return SubscriptionTopic.DefaultExchange;
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

    /// <summary>
    /// The position with what its lookup found: the instrument's short name when the portfolio gave none, and price,
    /// venue and value when its ticker had a price. Reasons for a missing price go to Debug only: the ids together are
    /// the person's holdings, which the log at its usual level does not list.
    /// </summary>
    private PortfolioPosition WithPrice(PortfolioPosition position, PriceLookup lookup, TimeSpan wait)
    {
        var named = position with { Name = position.Name ?? lookup.Details?.ShortName };
        if (lookup.Price is not { } price)
        {
            log.Debug("No price for {Id}: {Reason}", lookup.Id, WhyNoPrice(lookup, wait));
            return named;
        }

        var inPercent = InstrumentDetails.IsBond(lookup.Details, position.Name);
        if (inPercent)
        {
            log.Debug("{Id} is a bond: its price is a percentage of the nominal amount", lookup.Id);
        }

        var value = PositionValue.Of(position.Quantity, price, inPercent);
        if (value is null)
        {
            log.Debug("No value for {Id}: its quantity times its price is not a decimal within range", lookup.Id);
        }

        return named with { Price = price, Value = value, Exchange = lookup.Exchange };
    }

    private static string WhyNoDetails(SubscriptionAnswer instrument, InstrumentDetails? details) => instrument.Kind switch
    {
        AnswerKind.Error => $"Trade Republic refused them: {UpstreamErrors.FirstErrorCode(instrument.Text) ?? "no error code"}",
        AnswerKind.Closed => "Trade Republic closed the subscription before sending them",
        AnswerKind.Unreadable => $"an unreadable delta: {instrument.Text}",
        _ => details is null ? "they are not a JSON object" : "they list no exchangeIds",
    };

    private static string WhyNoPrice(PriceLookup lookup, TimeSpan wait) => (lookup.Exchange, lookup.Ticker?.Kind) switch
    {
        (null, _) => $"its instrument details did not answer within {wait.TotalSeconds:0.#} s",
        (var exchange, null) => $"its ticker on {exchange} did not answer within {wait.TotalSeconds:0.#} s",
        (var exchange, AnswerKind.Error) => $"Trade Republic refused its ticker on {exchange} ({UpstreamErrors.FirstErrorCode(lookup.Ticker!.Text) ?? "no error code"})",
        (var exchange, AnswerKind.Closed) => $"Trade Republic closed its ticker on {exchange} before sending a price",
        (var exchange, AnswerKind.Unreadable) => $"its ticker on {exchange} sent an unreadable delta ({lookup.Ticker!.Text})",
        (var exchange, _) => $"its ticker on {exchange} holds neither a last nor a bid price (or is not JSON)",
    };

    /// <summary>One instrument's way to a price: its details, the exchange asked, the ticker's answer and the price in it.</summary>
    private sealed class PriceLookup(string id)
    {
        public string Id { get; } = id;

        public InstrumentDetails? Details { get; set; }

        public string? Exchange { get; set; }

        public SubscriptionAnswer? Ticker { get; set; }

        public string? Price { get; set; }
    }
}
