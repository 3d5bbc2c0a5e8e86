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

    public const string CashJson = """[{"accountNumber":"DE00123","currencyId":"EUR","amount":1234.56}]""";
}
