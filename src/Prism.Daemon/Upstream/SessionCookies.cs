using System.Net;

namespace Prism.Daemon.Upstream;

/// <summary>
/// The cookies of one Trade Republic session: everything the API host sets (named ones like <c>tr_session</c> and
/// <c>tr_refresh</c>, session cookies included) is the session. Kept apart from the HTTP handler so a login, a
/// restored session and the websocket can each carry their own jar over one shared connection pool.
/// </summary>
internal sealed class SessionCookies(Uri apiUrl)
{
    private readonly CookieContainer jar = new();

    public bool IsEmpty => jar.Count == 0;

    /// <summary>Takes the <c>Set-Cookie</c> headers of an answer from the API host.</summary>
    public void Capture(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            foreach (var value in values)
            {
                try
                {
                    jar.SetCookies(apiUrl, value);
                }
                catch (CookieException)
                {
                    // A cookie the API host could not have set for itself (foreign domain, bad syntax) is no part of its session.
                }
            }
        }
    }

    /// <summary>The <c>Cookie</c> header for a request to the API host (or null when there is nothing to send).</summary>
    public string? Header() => jar.GetCookieHeader(apiUrl) is { Length: > 0 } header ? header : null;

    /// <summary>The cookies as the session file keeps them.</summary>
    public IReadOnlyList<SavedCookie> ToSaved() =>
        [.. jar.GetAllCookies().Where(c => !c.Expired).Select(c => new SavedCookie(
            c.Name, c.Value, c.Domain, c.Path, c.Expires == DateTime.MinValue ? null : new DateTimeOffset(c.Expires.ToUniversalTime(), TimeSpan.Zero), c.Secure, c.HttpOnly))];

    /// <summary>A jar holding the cookies of a session file.</summary>
    public static SessionCookies FromSaved(Uri apiUrl, IEnumerable<SavedCookie> saved)
    {
        var cookies = new SessionCookies(apiUrl);
        foreach (var cookie in saved)
        {
            try
            {
                cookies.jar.Add(new Cookie(cookie.Name, cookie.Value, cookie.Path, cookie.Domain)
                {
                    Secure = cookie.Secure,
                    HttpOnly = cookie.HttpOnly,
                    Expires = cookie.Expires?.UtcDateTime ?? DateTime.MinValue,
                });
            }
            catch (CookieException)
            {
                // Same rule as Capture: a cookie that cannot belong to the API host is not restored.
            }
        }

        return cookies;
    }
}
