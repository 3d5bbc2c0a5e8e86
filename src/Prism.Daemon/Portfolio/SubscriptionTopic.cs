using System.Buffers;
using System.Text;
using System.Text.Json;
using Prism.Daemon.Upstream;

namespace Prism.Daemon.Portfolio;

/// <summary>The JSON after <c>sub &lt;id&gt;</c> for each subscription the daemon makes (written, never formatted by hand, so an ISIN cannot break it).</summary>
internal static class SubscriptionTopic
{
    /// <summary>
    /// The exchange asked for a price when Trade Republic names none for the instrument (its instrument subscription is
    /// refused, silent about exchanges, or lists none): Lang &amp; Schwarz, where Trade Republic executes most orders.
    /// </summary>
    public const string DefaultExchange = "LSX";

    /// <summary>The portfolio of the securities account; <paramref name="type"/> is <see cref="Session.TradeRepublicSettings.PortfolioTopic"/>.</summary>
    public static string Portfolio(string type, string securitiesAccountNumber) => Write(type, ("secAccNo", securitiesAccountNumber));

    public static string Cash() => Write("cash");

    /// <summary>An instrument's details (names, type, the exchanges it is traded on); <paramref name="id"/> is its ISIN or instrument id.</summary>
    public static string Instrument(string id) => Write("instrument", ("id", id));

    /// <summary>The quotes of instrument <paramref name="id"/> on <paramref name="exchange"/>.</summary>
    public static string Ticker(string id, string exchange) => Write("ticker", ("id", $"{id}.{exchange}"));

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
