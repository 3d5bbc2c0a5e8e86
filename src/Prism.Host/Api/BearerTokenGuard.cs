using System.Security.Cryptography;
using System.Text;

namespace Prism.Host.Api;

/// <summary>
/// Every <c>/api/*</c> route but health needs <c>Authorization: Bearer &lt;token&gt;</c>; without it or with a
/// wrong one: 401 and no body. The comparison takes the same time whatever the guess.
/// </summary>
internal sealed class BearerTokenGuard
{
    private static readonly PathString ApiPrefix = "/api";
    private const string Scheme = "Bearer ";

    private readonly byte[] expected;

    public BearerTokenGuard(string token) => expected = Encoding.UTF8.GetBytes(token);

    public Func<RequestDelegate, RequestDelegate> Middleware() => next => context =>
    {
        if (!NeedsToken(context.Request.Path) || Accepts(context.Request.Headers.Authorization.ToString()))
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    };

    /// <summary>Routing matches paths case-insensitively, so the guard does too (<c>/API/status</c> is guarded).</summary>
    public static bool NeedsToken(PathString path) =>
        path.StartsWithSegments(ApiPrefix, StringComparison.OrdinalIgnoreCase)
        && !path.Equals(ApiRoutes.Health, StringComparison.OrdinalIgnoreCase);

    public bool Accepts(string authorization) =>
        authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
        // Constant time for every guess of the right length; only the length (public: 43 characters when generated)
        // can show. No hashing: that would load OpenSSL on Linux and slow the host's start for nothing.
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(authorization[Scheme.Length..].Trim()), expected);
}
