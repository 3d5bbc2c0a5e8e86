using Prism.Daemon.Upstream;

namespace Prism.Daemon.Session;

/// <summary>The calls made with a session's cookies: the session exchange/refresh and the account (for the securities account number).</summary>
internal sealed class SessionEndpoints(TradeRepublicHttp http)
{
    /// <summary>Trade Republic ends idle web sessions; a call after this much idle time is preceded by a refresh (PRISM_TR_REFRESH_AFTER_S).</summary>
    public TimeSpan RefreshAfter => http.Settings.SessionRefreshAfter;

    /// <summary>
    /// <c>GET /api/v1/auth/web/session</c>: turns the login's cookies into a session (a login may set only
    /// <c>tr_refresh</c>; this sets <c>tr_session</c>) and keeps an idle one alive. The cookies it sets replace the
    /// old ones in <paramref name="cookies"/>, so whoever saved them must save them again.
    /// </summary>
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
