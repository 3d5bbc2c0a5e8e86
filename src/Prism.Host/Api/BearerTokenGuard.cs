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

    private readonly byte[] expectedDigest;

    public BearerTokenGuard(string token) => expectedDigest = Digest(token);

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
        // Hashing first gives both sides the same length, so not even the token's length leaks through timing.
        && CryptographicOperations.FixedTimeEquals(Digest(authorization[Scheme.Length..].Trim()), expectedDigest);

    private static byte[] Digest(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
