using System.Text.Json;

namespace Prism.FakeTradeRepublic;

/// <summary>The one account the fake knows, and the portfolio it holds.</summary>
public static class FakeAccount
{
    public const string Phone = "+491701234567";
    public const string Pin = "4711";
    public const string AuthenticatorCode = "246810";
    public const string SmsCode = "1357";
    public const string SecuritiesAccountNumber = "0987654321";

    /// <summary>The code of the <c>E</c> frame sent when <see cref="FakeScenario.PortfolioError"/> is on.</summary>
    public const string PortfolioErrorCode = "SUBSCRIPTION_UNAVAILABLE";

    /// <summary>pytr's default <c>X-TR-App-Version</c>, refused with 422 in September 2026 (see <see cref="FakeScenario.UnsupportedAppVersion"/>).</summary>
    public const string PytrAppVersion = "2.2631.13";

    /// <summary>The error code a wrong PIN gets (Trade Republic documents none; this one is the fake's own).</summary>
    public const string WrongPinCode = "PIN_INVALID";

    /// <summary>
    /// The portfolio as first sent (<c>A</c>); the fake then sends a <c>D</c> frame turning it into
    /// <see cref="PortfolioJson"/>, so a client that shows the first payload shows the wrong quantity.
    /// </summary>
    public const string StalePortfolioJson =
        """{"categories":[{"categoryType":"stocksAndETFs","positions":[{"isin":"IE00B4L5Y983","name":"iShares Core MSCI World","netSize":"10","averageBuyIn":"71.2345"},{"isin":"US0378331005","netSize":3,"averageBuyIn":150.5}]},{"categoryType":"funds","positions":[]}]}""";

    /// <summary>The portfolio after the delta: 12.5 shares of the first position.</summary>
    public const string PortfolioJson =
        """{"categories":[{"categoryType":"stocksAndETFs","positions":[{"isin":"IE00B4L5Y983","name":"iShares Core MSCI World","netSize":"12.5","averageBuyIn":"71.2345"},{"isin":"US0378331005","netSize":3,"averageBuyIn":150.5}]},{"categoryType":"funds","positions":[{"isin":"LU0274208692","netSize":"0.123456","averageBuyIn":"98.76"}]}]}""";

    /// <summary>The code of the <c>E</c> frame a ticker of an instrument not traded on LSX gets (the fake's own; Trade Republic documents none).</summary>
    public const string TickerErrorCode = "INSTRUMENT_NOT_FOUND";

    /// <summary>
    /// The LSX ticker payloads per position, as pytr sees them: the first goes as an <c>A</c> frame, each further one as a
    /// <c>D</c> frame against the one before. The first position's prices are JSON numbers and move once (79.9, then
    /// 80.12: a client that keeps the first payload shows the wrong price); the second's are strings. The third position
    /// (LU0274208692) has no ticker: it is not traded on LSX and its subscription gets an <c>E</c> frame.
    /// </summary>
    public static IReadOnlyDictionary<string, string[]> Tickers { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["IE00B4L5Y983"] =
        [
            """{"bid":{"time":1767261600000,"price":79.88,"size":1200},"ask":{"time":1767261600000,"price":79.92,"size":1200},"last":{"time":1767261590000,"price":79.9,"size":35},"pre":{"time":1767225600000,"price":79.5,"size":0},"open":{"time":1767250800000,"price":79.6,"size":0},"qualityId":"realtime","leverage":null,"delta":null}""",
            """{"bid":{"time":1767261660000,"price":80.1,"size":1200},"ask":{"time":1767261660000,"price":80.14,"size":1200},"last":{"time":1767261655000,"price":80.12,"size":12},"pre":{"time":1767225600000,"price":79.5,"size":0},"open":{"time":1767250800000,"price":79.6,"size":0},"qualityId":"realtime","leverage":null,"delta":null}""",
        ],
        ["US0378331005"] =
        [
            """{"bid":{"time":"1767261600000","price":"187.4","size":"50"},"ask":{"time":"1767261600000","price":"187.5","size":"50"},"last":{"time":"1767261598000","price":"187.45","size":"3"},"pre":{"time":"1767225600000","price":"186.9","size":"0"},"open":{"time":"1767250800000","price":"187.0","size":"0"},"qualityId":"realtime"}""",
        ],
    };

    /// <summary>
    /// The portfolio a client must show for this account, in the form of <see cref="Describe"/>: the positions after the
    /// delta frame (12.5 shares, not the first payload's 10), decimals exactly as sent, the latest ticker price and
    /// quantity × price as value (12.5 × 80.12, 3 × 187.45); the third position has no ticker, hence no price or value.
    /// </summary>
    public static IReadOnlyList<string> ExpectedPortfolio { get; } =
    [
        "IE00B4L5Y983 name=iShares Core MSCI World quantity=12.5 average_buy_in=71.2345 price=80.12 value=1001.50",
        "US0378331005 name=- quantity=3 average_buy_in=150.5 price=187.45 value=562.35",
        "LU0274208692 name=- quantity=0.123456 average_buy_in=98.76 price=- value=-",
        "cash EUR 1234.56",
    ];

    public const string CashJson = """[{"accountNumber":"DE00123","currencyId":"EUR","amount":1234.56}]""";

    /// <summary>
    /// A <c>fetch_portfolio</c> result (from the daemon or the host's <c>/api/portfolio</c>) as one line per position and
    /// per cash balance, every member included; a member that is missing or null reads <c>-</c>.
    /// </summary>
    public static IReadOnlyList<string> Describe(JsonElement portfolio) =>
    [
        .. portfolio.GetProperty("positions").EnumerateArray().Select(position =>
            $"{position.GetProperty("isin").GetString()} name={Text(position, "name")} quantity={Text(position, "quantity")} " +
            $"average_buy_in={Text(position, "average_buy_in")} price={Text(position, "price")} value={Text(position, "value")}"),
        .. portfolio.GetProperty("cash").EnumerateArray().Select(cash => $"cash {Text(cash, "currency")} {Text(cash, "amount")}"),
    ];

    private static string Text(JsonElement parent, string member) =>
        parent.TryGetProperty(member, out var value) && value.GetString() is { } text ? text : "-";
}
