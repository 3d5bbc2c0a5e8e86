using System.Text.Json;

namespace Prism.FakeTradeRepublic;

/// <summary>
/// The one account the fake knows, and the portfolio it holds: written from the reference page's account of what Trade
/// Republic sends by late 2026, each variant in a position of its own so that a client missing one shows it wrong
/// there and nowhere else.
/// </summary>
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

    /// <summary>The portfolio topic of the newer web app (<see cref="FakeScenario.NewerWebApp"/>), as reported; served on <see cref="NewerProtocolVersion"/> only.</summary>
    public const string NewerPortfolioTopic = "compactPortfolioByTypeV2";

    /// <summary>The websocket protocol version the newer web app is reported to connect with.</summary>
    public const int NewerProtocolVersion = 34;

    /// <summary>A position listed by <c>instrumentId</c> only, without <c>isin</c> (pytr falls back to it).</summary>
    public const string InstrumentIdOnly = "XF000BTC0017";

    /// <summary>A position whose instrument is listed on no exchange any more (delisted): its ticker is refused, so it has no price.</summary>
    public const string UnpricedIsin = "DE0007472060";

    /// <summary>A position whose instrument trades only on Tradegate (<c>exchangeIds: ["TDG"]</c>): a client asking LSX gets no price.</summary>
    public const string OffLsxIsin = "FR0010315770";

    /// <summary>A bond its instrument's <c>typeId</c> calls one; its name holds no maturity.</summary>
    public const string BondByTypeIsin = "DE000BU2Z015";

    /// <summary>A bond whose instrument details carry no type field: only the maturity in its name ("Bund Aug 2033") tells.</summary>
    public const string BondByNameIsin = "DE0001102630";

    /// <summary>
    /// The portfolio after the delta. Per position (in order): JSON strings; JSON numbers and no name (the instrument
    /// gives it); no <c>averageBuyIn</c>; traded off LSX only; delisted; <c>averageBuyIn</c> as an object
    /// <c>{value, currency}</c>; a bond by type; a bond by name; no ISIN but an <c>instrumentId</c>.
    /// </summary>
    public const string PortfolioJson =
        """{"categories":[{"categoryType":"stocksAndETFs","positions":[""" +
        """{"isin":"IE00B4L5Y983","name":"iShares Core MSCI World","netSize":"12.5","averageBuyIn":"71.2345"},""" +
        """{"isin":"US0378331005","netSize":3,"averageBuyIn":150.5},""" +
        """{"isin":"DE0007164600","netSize":"2"},""" +
        """{"isin":"FR0010315770","netSize":"4","averageBuyIn":"480"},""" +
        """{"isin":"DE0007472060","netSize":"100","averageBuyIn":"104.5"}]},""" +
        """{"categoryType":"funds","positions":[{"isin":"LU0274208692","netSize":"0.123456","averageBuyIn":{"value":"98.76","currency":"EUR"}}]},""" +
        """{"categoryType":"bonds","positions":[{"isin":"DE000BU2Z015","netSize":"1000","averageBuyIn":"97.8"},{"isin":"DE0001102630","netSize":"500","averageBuyIn":"101.2"}]},""" +
        """{"categoryType":"crypto","positions":[{"instrumentId":"XF000BTC0017","netSize":"0.05","averageBuyIn":{"value":"41000","currency":"EUR"}}]}]}""";

    /// <summary>
    /// The portfolio as first sent (<c>A</c>): 10 shares of the first position. The fake then sends a <c>D</c> frame
    /// turning it into <see cref="PortfolioJson"/>, so a client that shows the first payload shows the wrong quantity.
    /// </summary>
    public static string StalePortfolioJson { get; } = PortfolioJson.Replace("\"netSize\":\"12.5\"", "\"netSize\":\"10\"", StringComparison.Ordinal);

    /// <summary>A position <see cref="FakeScenario.UnusualPositions"/> adds whose <c>averageBuyIn</c> is a list: listed without it.</summary>
    public const string UnusualBuyInIsin = "DE000A1EWWW0";

    /// <summary>
    /// <paramref name="portfolioJson"/> with one more category of positions in forms no report describes: a buy-in as a
    /// list (<see cref="UnusualBuyInIsin"/>) and a position with neither ISIN nor instrument id.
    /// </summary>
    public static string WithUnusualPositions(string portfolioJson) =>
        portfolioJson[..^2] + """,{"categoryType":"otherAssets","positions":[{"isin":"DE000A1EWWW0","name":"adidas","netSize":"1.5","averageBuyIn":["180.2"]},{"netSize":"7","averageBuyIn":"12"}]}]}""";

    /// <summary>
    /// The answers of <c>{"type":"instrument","id":…}</c>, as pytr reads them: <c>shortName</c>, <c>exchangeIds</c> (the
    /// first is where the price comes from) and the type as <c>typeId</c>; the name-only bond's details have no type.
    /// An id missing here gets an <c>E</c> frame.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Instruments { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["IE00B4L5Y983"] = """{"isin":"IE00B4L5Y983","name":"iShares Core MSCI World UCITS ETF USD (Acc)","shortName":"Core MSCI World USD (Acc)","typeId":"fund","exchangeIds":["LSX","TDG"],"exchanges":[{"slug":"LSX","nameAtExchange":"ISHSIII-CORE MSCI WLD DLA"},{"slug":"TDG","nameAtExchange":"iSh.Core MSCI World"}],"tags":[]}""",
        ["US0378331005"] = """{"isin":"US0378331005","name":"Apple Inc.","shortName":"Apple","intlSymbol":"AAPL","typeId":"stock","exchangeIds":["LSX","TDG"],"exchanges":[{"slug":"LSX"},{"slug":"TDG"}]}""",
        ["DE0007164600"] = """{"isin":"DE0007164600","name":"SAP SE","shortName":"SAP","typeId":"stock","exchangeIds":["LSX"],"exchanges":[{"slug":"LSX"}]}""",
        ["FR0010315770"] = """{"isin":"FR0010315770","name":"Amundi MSCI World UCITS ETF","shortName":"Amundi MSCI World","typeId":"fund","exchangeIds":["TDG"],"exchanges":[{"slug":"TDG"}]}""",
        ["DE0007472060"] = """{"isin":"DE0007472060","name":"Wirecard AG","shortName":"Wirecard","typeId":"stock","exchangeIds":[],"exchanges":[]}""",
        ["LU0274208692"] = """{"isin":"LU0274208692","name":"Xtrackers MSCI World Swap UCITS ETF 1C","shortName":"Xtrackers MSCI World Swap","typeId":"fund","exchangeIds":["LSX"],"exchanges":[{"slug":"LSX"}]}""",
        ["DE000BU2Z015"] = """{"isin":"DE000BU2Z015","name":"Bundesrepublik Deutschland Anleihe v.2023","shortName":"Bundesrep.Deutschland Anl.v.2023","typeId":"bond","exchangeIds":["LSX"],"exchanges":[{"slug":"LSX"}]}""",
        ["DE0001102630"] = """{"isin":"DE0001102630","name":"Bundesrepublik Deutschland","shortName":"Bund Aug 2033","exchangeIds":["LSX"],"exchanges":[{"slug":"LSX"}]}""",
        ["XF000BTC0017"] = """{"isin":"XF000BTC0017","name":"Bitcoin","shortName":"Bitcoin","typeId":"crypto","exchangeIds":["BHS"],"exchanges":[{"slug":"BHS"}]}""",
    };

    /// <summary>The code of the <c>E</c> frame a ticker on an exchange that does not trade the instrument gets (the fake's own; Trade Republic documents none).</summary>
    public const string TickerErrorCode = "INSTRUMENT_NOT_FOUND";

    /// <summary>
    /// The ticker payloads per <c>&lt;id&gt;.&lt;exchange&gt;</c>, as pytr sees them: the first goes as an <c>A</c> frame, each
    /// further one as a <c>D</c> frame against the one before. The first position's prices are JSON numbers and move once
    /// (79.9, then 80.12: a client that keeps the first payload shows the wrong price); the others' are mostly strings;
    /// the name-only bond has not traded today (a bid, no last trade). Any other ticker gets an <c>E</c> frame.
    /// </summary>
    public static IReadOnlyDictionary<string, string[]> Tickers { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["IE00B4L5Y983.LSX"] =
        [
            """{"bid":{"time":1767261600000,"price":79.88,"size":1200},"ask":{"time":1767261600000,"price":79.92,"size":1200},"last":{"time":1767261590000,"price":79.9,"size":35},"pre":{"time":1767225600000,"price":79.5,"size":0},"open":{"time":1767250800000,"price":79.6,"size":0},"qualityId":"realtime","leverage":null,"delta":null}""",
            """{"bid":{"time":1767261660000,"price":80.1,"size":1200},"ask":{"time":1767261660000,"price":80.14,"size":1200},"last":{"time":1767261655000,"price":80.12,"size":12},"pre":{"time":1767225600000,"price":79.5,"size":0},"open":{"time":1767250800000,"price":79.6,"size":0},"qualityId":"realtime","leverage":null,"delta":null}""",
        ],
        ["US0378331005.LSX"] = [Quote("187.4", "187.5", "187.45")],
        ["DE0007164600.LSX"] = [Quote("231.05", "231.15", "231.10")],
        ["FR0010315770.TDG"] = [Quote("512.30", "512.38", "512.34")],
        ["LU0274208692.LSX"] = [Quote("105.45", "105.55", "105.5")],
        ["DE000BU2Z015.LSX"] = ["""{"bid":{"time":1767261600000,"price":98.4,"size":100000},"ask":{"time":1767261600000,"price":98.5,"size":100000},"last":{"time":1767261000000,"price":98.45,"size":5000},"qualityId":"realtime"}"""],
        ["DE0001102630.LSX"] = ["""{"bid":{"time":"1767261600000","price":"99.875","size":"50000"},"ask":{"time":"1767261600000","price":"99.925","size":"50000"},"last":null,"qualityId":"realtime"}"""],
        ["XF000BTC0017.BHS"] = [Quote("87650.10", "87658.50", "87654.70")],
    };

    /// <summary>
    /// The portfolio a client must show for this account, in the form of <see cref="Describe"/>: the positions after the
    /// delta frame (12.5 shares, not the first payload's 10), decimals exactly as sent (an object's <c>value</c> for the
    /// buy-in), names from the instruments where the portfolio gives none, the latest price on the first of the
    /// instrument's exchanges, and quantity × price as value — ÷ 100 for the two bonds, which are quoted in percent
    /// (1000 × 98.45 / 100). The delisted position has no price, hence no value.
    /// </summary>
    public static IReadOnlyList<string> ExpectedPortfolio { get; } =
    [
        "isin=IE00B4L5Y983 instrument_id=- name=iShares Core MSCI World quantity=12.5 average_buy_in=71.2345 price=80.12 exchange=LSX value=1001.50",
        "isin=US0378331005 instrument_id=- name=Apple quantity=3 average_buy_in=150.5 price=187.45 exchange=LSX value=562.35",
        "isin=DE0007164600 instrument_id=- name=SAP quantity=2 average_buy_in=- price=231.10 exchange=LSX value=462.20",
        "isin=FR0010315770 instrument_id=- name=Amundi MSCI World quantity=4 average_buy_in=480 price=512.34 exchange=TDG value=2049.36",
        "isin=DE0007472060 instrument_id=- name=Wirecard quantity=100 average_buy_in=104.5 price=- exchange=- value=-",
        "isin=LU0274208692 instrument_id=- name=Xtrackers MSCI World Swap quantity=0.123456 average_buy_in=98.76 price=105.5 exchange=LSX value=13.024608",
        "isin=DE000BU2Z015 instrument_id=- name=Bundesrep.Deutschland Anl.v.2023 quantity=1000 average_buy_in=97.8 price=98.45 exchange=LSX value=984.50",
        "isin=DE0001102630 instrument_id=- name=Bund Aug 2033 quantity=500 average_buy_in=101.2 price=99.875 exchange=LSX value=499.375",
        "isin=- instrument_id=XF000BTC0017 name=Bitcoin quantity=0.05 average_buy_in=41000 price=87654.70 exchange=BHS value=4382.735",
        "cash EUR 1234.56",
    ];

    /// <summary>
    /// How many shares of the first position (<c>IE00B4L5Y983</c>, 12.5 held directly) a savings plan holds besides,
    /// and at what buy-in, when <see cref="FakeScenario.HeldInTwoCategories"/> is on.
    /// </summary>
    public const string SavingsPlanShares = "7.5";

    public const string SavingsPlanBuyIn = "65.10";

    /// <summary>
    /// <paramref name="portfolioJson"/> with a category of savings-plan holdings listing the first position's ISIN again
    /// (the category's name is the fake's own; the reference names none).
    /// </summary>
    public static string WithSavingsPlan(string portfolioJson) =>
        portfolioJson[..^2] + $$""",{"categoryType":"savingsPlans","positions":[{"isin":"IE00B4L5Y983","name":"iShares Core MSCI World","netSize":"{{SavingsPlanShares}}","averageBuyIn":"{{SavingsPlanBuyIn}}"}]}]}""";

    /// <summary>
    /// The first position as the client must show it when it is held in two categories: 12.5 + 7.5 shares, the buy-in
    /// weighted by them ((12.5 × 71.2345 + 7.5 × 65.10) / 20 = 68.9340625), the value from the sum (20 × 80.12).
    /// </summary>
    public const string HeldInTwoCategoriesPosition =
        "isin=IE00B4L5Y983 instrument_id=- name=iShares Core MSCI World quantity=20.0 average_buy_in=68.9340625 price=80.12 exchange=LSX value=1602.40";

    /// <summary>
    /// <paramref name="portfolioJson"/> with a string that is no Unicode text as the first position's name (the client then
    /// names it from its instrument), and a member whose name is none after the object buy-ins of the fund and crypto
    /// positions (the last member, where a lookup by name starts).
    /// </summary>
    public static string WithUnreadableText(string portfolioJson) => portfolioJson
        .Replace("\"name\":\"iShares Core MSCI World\"", "\"name\":\"iShares \\ud800Core MSCI World\"", StringComparison.Ordinal)
        .Replace("\"currency\":\"EUR\"}}", "\"currency\":\"EUR\"},\"\\udfff\":1}", StringComparison.Ordinal);

    /// <summary>
    /// The portfolio a client must show under <see cref="FakeScenario.UnreadableText"/>: <see cref="ExpectedPortfolio"/>
    /// but for the first position's name (its instrument's short name), Apple's (its instrument's long name, as its short
    /// name is no text) and SAP without price and value (its ticker's prices are no text). Everything else as always,
    /// also the delisted position's refusal with an error code that is no text, and the two positions with a member
    /// whose name is none.
    /// </summary>
    public static IReadOnlyList<string> ExpectedPortfolioWithUnreadableText { get; } =
    [
        "isin=IE00B4L5Y983 instrument_id=- name=Core MSCI World USD (Acc) quantity=12.5 average_buy_in=71.2345 price=80.12 exchange=LSX value=1001.50",
        "isin=US0378331005 instrument_id=- name=Apple Inc. quantity=3 average_buy_in=150.5 price=187.45 exchange=LSX value=562.35",
        "isin=DE0007164600 instrument_id=- name=SAP quantity=2 average_buy_in=- price=- exchange=- value=-",
        .. ExpectedPortfolio.Skip(3),
    ];

    /// <summary>Apple's instrument answer with a short name that is no text (its exchanges stay readable).</summary>
    internal static string UnreadableInstrument(string isin, string instrument) =>
        isin == "US0378331005" ? instrument.Replace("\"shortName\":\"Apple\"", "\"shortName\":\"App\\udc00le\"", StringComparison.Ordinal) : instrument;

    /// <summary>SAP's ticker with prices that are no text.</summary>
    internal static string UnreadableTicker(string instrumentOnExchange, string payload) =>
        instrumentOnExchange == "DE0007164600.LSX" ? payload.Replace("\"price\":\"", "\"price\":\"\\udfff", StringComparison.Ordinal) : payload;

    /// <summary>An error code that is no text (a lone surrogate escape after a readable start), as it stands in the JSON.</summary>
    public const string UnreadableErrorCode = "NOT_\\ud800FOUND";

    /// <summary>How far <see cref="FakeScenario.OversizedAccountAnswer"/> pads the account answer: past the 1 MiB the daemon reads.</summary>
    public const int OversizedPaddingBytes = (1024 * 1024) + 1;

    /// <summary>How far <see cref="FakeScenario.OversizedPortfolioFrame"/> pads the portfolio frame: past the 4 MiB the daemon reads of a message.</summary>
    public const int OversizedFrameBytes = (4 * 1024 * 1024) + 1;

    /// <summary><paramref name="json"/> (an object) with a first member <c>padding</c> of <paramref name="bytes"/> spaces: still valid, just large.</summary>
    public static string Padded(string json, int bytes) => $$"""{"padding":"{{new string(' ', bytes)}}",""" + json[1..];

    public const string CashJson = """[{"accountNumber":"DE00123","currencyId":"EUR","amount":1234.56}]""";

    /// <summary>
    /// A <c>fetch_portfolio</c> result (from the daemon or the host's <c>/api/portfolio</c>) as one line per position and
    /// per cash balance, every member included; a member that is missing or null reads <c>-</c>.
    /// </summary>
    public static IReadOnlyList<string> Describe(JsonElement portfolio) =>
    [
        .. portfolio.GetProperty("positions").EnumerateArray().Select(position =>
            $"isin={Text(position, "isin")} instrument_id={Text(position, "instrument_id")} name={Text(position, "name")} quantity={Text(position, "quantity")} " +
            $"average_buy_in={Text(position, "average_buy_in")} price={Text(position, "price")} exchange={Text(position, "exchange")} value={Text(position, "value")}"),
        .. portfolio.GetProperty("cash").EnumerateArray().Select(cash => $"cash {Text(cash, "currency")} {Text(cash, "amount")}"),
    ];

    /// <summary>A ticker payload with string prices, as some of Trade Republic's answers have them.</summary>
    private static string Quote(string bid, string ask, string last) =>
        $$"""{"bid":{"time":"1767261600000","price":"{{bid}}","size":"50"},"ask":{"time":"1767261600000","price":"{{ask}}","size":"50"},"last":{"time":"1767261598000","price":"{{last}}","size":"3"},"qualityId":"realtime"}""";

    private static string Text(JsonElement parent, string member) =>
        parent.TryGetProperty(member, out var value) && value.GetString() is { } text ? text : "-";
}
