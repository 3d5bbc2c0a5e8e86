using System.Text.Json;
using Prism.Daemon.Json;
using Prism.Protocol;

namespace Prism.Daemon.Portfolio;

/// <summary>
/// Turns the payloads of the portfolio, <c>cash</c>, <c>instrument</c> and <c>ticker</c> subscriptions into the
/// contract's shapes, decimals kept as text. A position is read member by member: one Trade Republic describes in an
/// unexpected way is listed with what could be read and noted in <see cref="PortfolioPositions.Oddities"/>; only a
/// position without a name for it (ISIN or instrument id) or without a quantity is left out, since the contract
/// cannot list it. A string that is no Unicode text (<see cref="JsonText"/>) counts as a member of an unexpected form;
/// a member whose name is no text, as no member. A security held in several categories is one position
/// (<see cref="PositionsBySecurity"/>).
/// </summary>
internal static class PortfolioPayload
{
    /// <summary>The positions of every category, in order; throws <see cref="FormatException"/> when the payload has no list of categories.</summary>
    public static PortfolioPositions Positions(string payload)
    {
        using var document = JsonDocument.Parse(payload);
        if (!JsonText.TryGetMember(document.RootElement, "categories", out var categories) || categories.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("the portfolio payload has no list of categories");
        }

        var positions = new List<PortfolioPosition>();
        var oddities = new List<PositionOddity>();
        foreach (var category in categories.EnumerateArray())
        {
            foreach (var position in Array(category, "positions"))
            {
                Read(position, positions, oddities);
            }
        }

        return new(PositionsBySecurity.Merge(positions, oddities), oddities);
    }

    private static void Read(JsonElement position, List<PortfolioPosition> positions, List<PositionOddity> oddities)
    {
        if (position.ValueKind != JsonValueKind.Object)
        {
            oddities.Add(new(null, [$"a position that is a JSON {Kind(position)}, not an object"], LeftOut: true));
            return;
        }

        var problems = new List<string>();
        // pytr's order: the ISIN, else the instrument id (positions without ISIN have been reported since 2026).
        var isin = Identifier(position, "isin", problems);
        var instrumentId = isin is null ? Identifier(position, "instrumentId", problems) : null;
        if (isin is null && instrumentId is null)
        {
            problems.Add("neither isin nor instrumentId");
        }

        var quantity = Decimal(position, "netSize", problems);
        var averageBuyIn = Decimal(position, "averageBuyIn", problems);
        var name = Name(position, problems);
        var id = isin ?? instrumentId;
        if (id is null || quantity is null)
        {
            oddities.Add(new(id, problems, LeftOut: true));
            return;
        }

        positions.Add(new(isin, instrumentId, name, quantity, averageBuyIn));
        if (problems.Count > 0)
        {
            oddities.Add(new(id, problems, LeftOut: false));
        }
    }

    /// <summary>An id member: a non-empty string, else null (with a problem when it is there in another form).</summary>
    private static string? Identifier(JsonElement position, string member, List<string> problems)
    {
        if (!JsonText.TryGetMember(position, member, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (JsonText.TryGetString(value, out var text) && text.Length > 0)
        {
            return text;
        }

        problems.Add(text is { Length: 0 } ? $"{member} is empty" : $"{member} is {Describe(value)}");
        return null;
    }

    /// <summary>
    /// A decimal member, written plainly: a decimal string or number, or — as newer payloads are reported to send
    /// <c>averageBuyIn</c> — an object with the decimal as <c>value</c> (its <c>currency</c> is the account's).
    /// </summary>
    private static string? Decimal(JsonElement position, string member, List<string> problems)
    {
        if (!JsonText.TryGetMember(position, member, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            problems.Add($"no {member}");
            return null;
        }

        var amount = JsonText.TryGetMember(value, "value", out var inner) ? inner : value;
        if (Scalar(amount) is { } text && PositionValue.Normalise(text) is { } normalised)
        {
            return normalised;
        }

        problems.Add(value.ValueKind == JsonValueKind.Object ? $"{member} is an object without a decimal value" : $"{member} is {Describe(value)}, not a decimal");
        return null;
    }

    private static string? Name(JsonElement position, List<string> problems)
    {
        if (!JsonText.TryGetMember(position, "name", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (JsonText.TryGetString(value, out var name))
        {
            return name;
        }

        problems.Add($"name is {Describe(value)}");
        return null;
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
    /// digits Trade Republic sent (see <see cref="PositionValue.Normalise"/>).
    /// </summary>
    public static string? Price(string payload)
    {
        using var document = JsonDocument.Parse(payload);
        return QuotePrice(document.RootElement, "last") ?? QuotePrice(document.RootElement, "bid");
    }

    private static string? QuotePrice(JsonElement ticker, string quote) =>
        JsonText.TryGetMember(ticker, quote, out var entry) && Text(entry, "price") is { } price
            ? PositionValue.Normalise(price)
            : null;

    private static JsonElement.ArrayEnumerator Array(JsonElement parent, string name) =>
        JsonText.TryGetMember(parent, name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray()
            : default;

    /// <summary>A member as text: strings as they are, numbers exactly as written (never through a binary float).</summary>
    private static string? Text(JsonElement parent, string name) =>
        JsonText.TryGetMember(parent, name, out var value) ? Scalar(value) : null;

    /// <summary>A string as it is (null when it is no Unicode text), a number as written, anything else null.</summary>
    private static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => JsonText.TryGetString(value, out var text) ? text : null,
        JsonValueKind.Number => value.GetRawText(),
        _ => null,
    };

    /// <summary>What a member is, for a log line: its JSON kind, never its value (values are the person's holdings).</summary>
    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => JsonText.TryGetString(value, out _) ? "a string" : "a string that is not Unicode text",
        JsonValueKind.Number => "a number",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        _ => Kind(value),
    };

    private static string Kind(JsonElement value) => value.ValueKind.ToString().ToLowerInvariant();
}
