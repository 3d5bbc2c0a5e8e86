using System.Globalization;
using System.Net;

namespace Prism.Daemon.Upstream;

/// <summary>Which web login Trade Republic is asked for: v2 (current) or v1 (legacy SMS code).</summary>
internal enum LoginApi
{
    V2,
    V1,
}

/// <summary>
/// Every Trade Republic constant the daemon relies on, read from the environment with the values of
/// ../shared/reference/trade-republic-api.md as defaults: Trade Republic changes its web app without notice,
/// and a user must be able to follow without waiting for a new daemon.
/// </summary>
internal sealed record TradeRepublicSettings(
    Uri ApiUrl,
    Uri WebSocketUrl,
    LoginApi LoginApi,
    string AppVersion,
    string Platform,
    string Locale,
    string UserAgent,
    TimeSpan RequestTimeout,
    TimeSpan PriceBudget,
    TimeSpan SessionRefreshAfter,
    int WebSocketProtocolVersion,
    string PortfolioTopic)
{
    public const string ApiUrlVariable = "PRISM_TR_API_URL";
    public const string WebSocketUrlVariable = "PRISM_TR_WS_URL";
    public const string LoginApiVariable = "PRISM_TR_LOGIN_API";
    public const string AppVersionVariable = "PRISM_TR_APP_VERSION";
    public const string PlatformVariable = "PRISM_TR_PLATFORM";
    public const string LocaleVariable = "PRISM_TR_LOCALE";
    public const string UserAgentVariable = "PRISM_TR_USER_AGENT";
    public const string TimeoutVariable = "PRISM_TR_TIMEOUT_S";
    public const string PriceTimeoutVariable = "PRISM_TR_PRICE_TIMEOUT_S";
    public const string SessionRefreshVariable = "PRISM_TR_REFRESH_AFTER_S";
    public const string WebSocketProtocolVersionVariable = "PRISM_TR_WS_PROTOCOL_VERSION";
    public const string PortfolioTopicVariable = "PRISM_TR_PORTFOLIO_TOPIC";

    public static readonly Uri DefaultApiUrl = new("https://api.traderepublic.com");
    public static readonly Uri DefaultWebSocketUrl = new("wss://api.traderepublic.com");
    public const string DefaultAppVersion = "2.2631.13";
    public const string DefaultPlatform = "web-pro";
    public const string DefaultLocale = "de";
    public const string DefaultUserAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/139.0.0.0 Safari/537.36";
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The number in the websocket's <c>connect</c> message; the web app has been reported on 34, 31 is the one confirmed.</summary>
    public const int DefaultWebSocketProtocolVersion = 31;

    /// <summary>The portfolio subscription's type; the web app has been reported on <c>compactPortfolioByTypeV2</c>, this is the one confirmed.</summary>
    public const string DefaultPortfolioTopic = "compactPortfolioByType";

    /// <summary>
    /// How long a portfolio fetch waits for the tickers' prices: Trade Republic answers a ticker within a fraction of
    /// a second, so a few seconds are plenty, and a price missing after them is left out rather than failing the fetch.
    /// </summary>
    public static readonly TimeSpan DefaultPriceBudget = TimeSpan.FromSeconds(5);

    /// <summary>Trade Republic ends idle web sessions; pytr refreshes before any call when the last one is older than this.</summary>
    public static readonly TimeSpan DefaultSessionRefreshAfter = TimeSpan.FromSeconds(290);

    /// <summary>
    /// Reads the settings; each unusable value is replaced by its default and described in <paramref name="problems"/>,
    /// except the hosts: one that would carry the PIN, codes and cookies anywhere but Trade Republic's https (or a
    /// loopback host's http, for tests and local fakes) is described in <paramref name="refusals"/>, and the daemon does
    /// not start.
    /// </summary>
    public static TradeRepublicSettings FromEnvironment(List<string> problems, List<string> refusals)
    {
        var settings = new TradeRepublicSettings(
            ReadUrl(ApiUrlVariable, DefaultApiUrl, "https", "http", refusals),
            ReadUrl(WebSocketUrlVariable, DefaultWebSocketUrl, "wss", "ws", refusals),
            ReadLoginApi(problems),
            ReadText(AppVersionVariable, DefaultAppVersion),
            ReadText(PlatformVariable, DefaultPlatform),
            ReadText(LocaleVariable, DefaultLocale),
            ReadText(UserAgentVariable, DefaultUserAgent),
            ReadSeconds(TimeoutVariable, DefaultRequestTimeout, problems),
            ReadSeconds(PriceTimeoutVariable, DefaultPriceBudget, problems),
            ReadSeconds(SessionRefreshVariable, DefaultSessionRefreshAfter, problems),
            ReadProtocolVersion(problems),
            ReadText(PortfolioTopicVariable, DefaultPortfolioTopic));
        if (settings.PriceBudget >= settings.RequestTimeout)
        {
            problems.Add($"{PriceTimeoutVariable}={settings.PriceBudget.TotalSeconds} is not shorter than {TimeoutVariable}={settings.RequestTimeout.TotalSeconds}, the time limit of a whole portfolio fetch, prices included; prices get what the portfolio leaves of it.");
        }

        return settings;
    }

    private static string ReadText(string variable, string fallback) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } configured ? configured : fallback;

    /// <summary>The rule for the hosts, as --help and every refusal say it.</summary>
    public static string UrlRule(string secure, string plain) =>
        $"{secure}:// only; {plain}:// only for a loopback host (127.0.0.0/8, ::1, localhost), as for tests and local fakes";

    /// <summary>
    /// A host setting: an absolute <paramref name="secure"/> URL, or a <paramref name="plain"/> one whose host is this
    /// machine (nothing then leaves it). Anything else is refused, never replaced by the default: whoever set it meant
    /// some other host, and the daemon must neither talk in the clear nor to a host nobody chose.
    /// </summary>
    private static Uri ReadUrl(string variable, Uri fallback, string secure, string plain, List<string> refusals)
    {
        var configured = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrEmpty(configured))
        {
            return fallback;
        }

        if (Uri.TryCreate(configured, UriKind.Absolute, out var url) && (url.Scheme == secure || (url.Scheme == plain && IsLoopback(url))))
        {
            return url;
        }

        var why = url?.Scheme == plain
            ? $"{plain}:// to {url.Host} would carry the phone number, PIN, codes and session cookies unencrypted"
            : $"it is not an absolute {secure}:// URL";
        refusals.Add($"{variable}='{configured}' is refused: {why}. Rule: {UrlRule(secure, plain)}. Set it to a {secure}:// URL, or unset it for {fallback}.");
        return fallback;
    }

    /// <summary>Whether <paramref name="url"/> names this machine: an address in 127.0.0.0/8, ::1, or <c>localhost</c> (never a name DNS resolves).</summary>
    public static bool IsLoopback(Uri url) =>
        string.Equals(url.Host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (url.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 && IPAddress.TryParse(url.IdnHost, out var address) && IPAddress.IsLoopback(address));

    private static LoginApi ReadLoginApi(List<string> problems)
    {
        var configured = Environment.GetEnvironmentVariable(LoginApiVariable);
        switch (configured?.ToLowerInvariant())
        {
            case null or "" or "v2":
                return LoginApi.V2;
            case "v1":
                return LoginApi.V1;
            default:
                problems.Add($"{LoginApiVariable}='{configured}' is not a login API; using v2. Valid: v2 (web login with second factor), v1 (legacy SMS code).");
                return LoginApi.V2;
        }
    }

    private static int ReadProtocolVersion(List<string> problems)
    {
        var configured = Environment.GetEnvironmentVariable(WebSocketProtocolVersionVariable);
        if (string.IsNullOrEmpty(configured))
        {
            return DefaultWebSocketProtocolVersion;
        }

        if (int.TryParse(configured, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version is > 0 and <= 999)
        {
            return version;
        }

        problems.Add($"{WebSocketProtocolVersionVariable}='{configured}' is not a websocket protocol version (a whole number from 1 to 999, e.g. 34); using {DefaultWebSocketProtocolVersion}.");
        return DefaultWebSocketProtocolVersion;
    }

    private static TimeSpan ReadSeconds(string variable, TimeSpan fallback, List<string> problems)
    {
        var configured = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrEmpty(configured))
        {
            return fallback;
        }

        if (int.TryParse(configured, out var seconds) && seconds is > 0 and <= 600)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        problems.Add($"{variable}='{configured}' is not a number of seconds between 1 and 600; using {fallback.TotalSeconds}.");
        return fallback;
    }
}
