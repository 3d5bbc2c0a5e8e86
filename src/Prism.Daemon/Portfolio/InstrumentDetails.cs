using System.Text.Json;
using System.Text.RegularExpressions;
using Prism.Daemon.Json;

namespace Prism.Daemon.Portfolio;

/// <summary>
/// What an <c>instrument</c> subscription says about an instrument, as far as its price needs it (pytr reads the
/// same): <c>shortName</c>, the first of <c>exchangeIds</c> (the venue to ask for its ticker) and its type (<c>typeId</c>).
/// </summary>
internal sealed partial record InstrumentDetails(string? ShortName, string? FirstExchange, string? Type)
{
    /// <summary>
    /// The details in <paramref name="payload"/>; null when it is not a JSON object. Members of an unexpected kind, or
    /// strings that are no Unicode text, read as missing.
    /// </summary>
    public static InstrumentDetails? Read(string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var exchange = JsonText.TryGetMember(root, "exchangeIds", out var exchanges) && exchanges.ValueKind == JsonValueKind.Array
                ? exchanges.EnumerateArray().Select(id => JsonText.TryGetString(id, out var text) ? text : null).FirstOrDefault(id => !string.IsNullOrWhiteSpace(id))
                : null;
            return new(Text(root, "shortName") ?? Text(root, "name"), exchange, Text(root, "typeId") ?? Text(root, "type"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether the instrument is a bond, whose price is a percentage of the nominal amount: by its type when the
    /// details name one (so a derivative named "… Dec 2026" stays what it is), else — details without a type, or none
    /// at all — by a maturity in a name, as pytr does ("Bund Aug 2033").
    /// </summary>
    public static bool IsBond(InstrumentDetails? details, string? positionName) => details?.Type is { } type
        ? type.Contains("bond", StringComparison.OrdinalIgnoreCase)
        : HasMaturity(positionName) || HasMaturity(details?.ShortName);

    private static bool HasMaturity(string? name) => name is not null && Maturity().IsMatch(name);

    /// <summary>A month (English or German, abbreviated or not) followed by a four-digit year, as in "Bund Aug 2033" or "Anleihe März 2030".</summary>
    [GeneratedRegex(@"\b(?:Jan(?:uar|uary)?|Feb(?:ruar|ruary)?|M(?:ar|är)(?:ch|z)?|Apr(?:il)?|Ma[iy]|Jun[ie]?|Jul[iy]?|Aug(?:ust)?|Sep(?:t|tember)?|O[ck]t(?:ober)?|Nov(?:ember)?|De[cz](?:ember)?)\.?\s+(?:19|20)\d{2}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Maturity();

    private static string? Text(JsonElement parent, string name) =>
        JsonText.TryGetMember(parent, name, out var value) && JsonText.TryGetString(value, out var text) && text.Length > 0 ? text : null;
}
