namespace Prism.Host.Api;

/// <summary>
/// The DNS rebinding guard: a web page whose name an attacker points at 127.0.0.1 reaches this server with its
/// own name in <c>Host</c>. Only <c>127.0.0.1:&lt;port&gt;</c> and <c>localhost:&lt;port&gt;</c> pass; anything
/// else (also a missing header, or a request before the port is known) gets 403, health included.
/// </summary>
internal static class HostHeaderGuard
{
    public static Func<RequestDelegate, RequestDelegate> Middleware(ListeningPort port) => next => context =>
    {
        if (IsAllowed(context.Request.Host.Value, port.Current))
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    };

    public static bool IsAllowed(string? host, int? port) =>
        port is { } known
        && host is not null
        && (string.Equals(host, $"127.0.0.1:{known}", StringComparison.Ordinal)
            || string.Equals(host, $"localhost:{known}", StringComparison.OrdinalIgnoreCase));
}
