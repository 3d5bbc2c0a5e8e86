using System.Globalization;
using Prism.Protocol;

namespace Prism.Daemon.Portfolio;

/// <summary>
/// One position per security. Trade Republic may list a security in more than one category of the portfolio (bought
/// directly and through a savings plan, as other clients report); the person holds it once: the quantities summed, the
/// buy-in weighted by quantity (what was paid in all, per share held), and — since prices come later for the merged
/// position — the value from the summed quantity. Decimal arithmetic throughout, never a binary float.
/// </summary>
internal static class PositionsBySecurity
{
    /// <summary>
    /// <paramref name="positions"/> with those of the same ISIN (or instrument id) made one, in the order each security
    /// first appears; what could not be combined exactly is noted in <paramref name="oddities"/>.
    /// </summary>
    public static IReadOnlyList<PortfolioPosition> Merge(IReadOnlyList<PortfolioPosition> positions, List<PositionOddity> oddities) =>
        [.. positions.GroupBy(IdOf, StringComparer.Ordinal).Select(parts => parts.Skip(1).Any() ? Combine([.. parts], oddities) : parts.First())];

    /// <summary>The name a position goes by: its ISIN, else its instrument id (a listed position has one).</summary>
    public static string IdOf(PortfolioPosition position) => position.Isin ?? position.InstrumentId!;

    private static PortfolioPosition Combine(List<PortfolioPosition> parts, List<PositionOddity> oddities)
    {
        var first = parts[0];
        var quantities = parts.Select(part => Parse(part.Quantity)).ToList();
        var buyIns = parts.Select(part => part.AverageBuyIn is { } buyIn ? Parse(buyIn) : null).ToList();
        try
        {
            var quantity = quantities.Sum(q => q!.Value);
            return first with
            {
                Name = parts.Select(part => part.Name).FirstOrDefault(name => name is not null),
                Quantity = quantity.ToString(CultureInfo.InvariantCulture),
                AverageBuyIn = WeightedBuyIn(parts, quantities, buyIns, quantity, oddities),
            };
        }
        catch (OverflowException)
        {
            oddities.Add(new(IdOf(first), [$"held in {parts.Count} categories whose quantities add up beyond the range of a decimal; the first is listed"], LeftOut: false));
            return first;
        }
    }

    /// <summary>Σ quantity × buy-in ÷ Σ quantity; null (and noted) when a part has no buy-in or the quantities cancel out.</summary>
    private static string? WeightedBuyIn(List<PortfolioPosition> parts, List<decimal?> quantities, List<decimal?> buyIns, decimal quantity, List<PositionOddity> oddities)
    {
        if (buyIns.Any(buyIn => buyIn is null) || quantity == 0)
        {
            var why = quantity == 0 ? "quantities that add up to zero" : "a buy-in missing in one of them";
            oddities.Add(new(IdOf(parts[0]), [$"held in {parts.Count} categories with {why}; listed without a buy-in"], LeftOut: false));
            return null;
        }

        var paid = quantities.Zip(buyIns, (q, buyIn) => q!.Value * buyIn!.Value).Sum();
        return (paid / quantity).ToString(CultureInfo.InvariantCulture);
    }

    // Listed quantities and buy-ins were written by PositionValue.Normalise, so each parses.
    private static decimal? Parse(string text) => PositionValue.TryParse(text, out var value) ? value : null;
}
