using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Prism.Daemon.Portfolio;

/// <summary>The JSON after <c>sub &lt;id&gt;</c> for each subscription the daemon makes (written, never formatted by hand, so an ISIN cannot break it).</summary>
internal static class SubscriptionTopic
{
    /// <summary>The exchange whose ticker gives the prices: Lang &amp; Schwarz, where Trade Republic executes orders (pytr asks it too).</summary>
    public const string PriceExchange = "LSX";

    public static string Portfolio(string securitiesAccountNumber) => Write("compactPortfolioByType", ("secAccNo", securitiesAccountNumber));

    public static string Cash() => Write("cash");

    public static string Ticker(string isin) => Write("ticker", ("id", $"{isin}.{PriceExchange}"));

    private static string Write(string type, params (string Name, string Value)[] members)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", type);
            foreach (var (name, value) in members)
            {
                json.WriteString(name, value);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
