using System.Text.Json;
using Prism.Protocol;

namespace Prism.Daemon.Portfolio;

/// <summary>Turns the payloads of the <c>compactPortfolioByType</c>, <c>cash</c> and <c>ticker</c> subscriptions into the contract's shapes, decimals kept as text.</summary>
internal static class PortfolioPayload
{
    /// <summary>The positions of every category, in order.</summary>
    public static IReadOnlyList<PortfolioPosition> Positions(string payload)
    {
        using var document = JsonDocument.Parse(payload);
        var positions = new List<PortfolioPosition>();
        foreach (var category in Array(document.RootElement, "categories"))
        {
            foreach (var position in Array(category, "positions"))
            {
                positions.Add(new PortfolioPosition(
                    Text(position, "isin") ?? throw new FormatException("A portfolio position has no isin."),
                    Text(position, "netSize") ?? throw new FormatException("A portfolio position has no netSize."),
                    Text(position, "averageBuyIn") ?? throw new FormatException("A portfolio position has no averageBuyIn."),
                    Name: Text(position, "name")));
            }
        }

        return positions;
    }

    /// <summary>One balance per entry of the cash list.</summary>
    public static IReadOnlyList<CashBalance> Cash(string payload)
    {
        using var document = JsonDocument.Parse(payload);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("The cash payload is not a list.");
        }

        return [.. document.RootElement.EnumerateArray().Select(entry => new CashBalance(
            Text(entry, "currencyId") ?? throw new FormatException("A cash entry has no currencyId."),
            Text(entry, "amount") ?? throw new FormatException("A cash entry has no amount.")))];
    }

    /// <summary>
    /// A ticker's price: the last trade's (pytr's choice), else the bid's when there is no last trade yet (e.g. an
    /// instrument not traded today); null when neither holds a decimal. Written as a plain invariant decimal with the
    /// digits Trade Republic sent (trailing zeros kept); an exponent or spaces are normalised away, since clients of
    /// the contract parse plain decimals.
    /// </summary>
    public static string? Price(string payload)
    {
        using var document = JsonDocument.Parse(payload);
        return QuotePrice(document.RootElement, "last") ?? QuotePrice(document.RootElement, "bid");
    }

    private static string? QuotePrice(JsonElement ticker, string quote) =>
        ticker.ValueKind == JsonValueKind.Object && ticker.TryGetProperty(quote, out var entry) && entry.ValueKind == JsonValueKind.Object
            && Text(entry, "price") is { } price && PositionValue.TryParse(price, out var value)
            ? value.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : null;

    private static JsonElement.ArrayEnumerator Array(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray()
            : default;

    /// <summary>A member as text: strings as they are, numbers exactly as written (never through a binary float).</summary>
    private static string? Text(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;
}
