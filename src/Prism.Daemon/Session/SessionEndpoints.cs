namespace Prism.Daemon.Session;

/// <summary>The calls made with a session's cookies: keep-alive refresh and the account (for the securities account number).</summary>
internal sealed class SessionEndpoints(TradeRepublicHttp http)
{
    /// <summary>Trade Republic ends idle web sessions; a call older than this is preceded by a refresh.</summary>
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromSeconds(290);

    public Task RefreshAsync(SessionCookies cookies, CancellationToken cancellation) =>
        http.SendAsync(new UpstreamRequest(HttpMethod.Get, "/api/v1/auth/web/session", UpstreamCall.SessionCall, "the session refresh"), cookies, cancellation);

    /// <summary>The securities account number the portfolio subscription needs.</summary>
    public async Task<string> SecuritiesAccountNumberAsync(SessionCookies cookies, CancellationToken cancellation)
    {
        var account = await http.SendAsync(
            new UpstreamRequest(HttpMethod.Get, "/api/v2/auth/account", UpstreamCall.SessionCall, "the account request"),
            cookies,
            TradeRepublicJsonContext.Default.AccountInfo,
            cancellation);
        return account.SecuritiesAccountNumber is { Length: > 0 } number
            ? number
            : throw SessionFailure.UnexpectedAnswer("the account request", "no securitiesAccountNumber");
    }
}
