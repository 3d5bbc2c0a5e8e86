namespace Prism.Host.Api;

/// <summary>
/// The DNS rebinding guard: a web page whose name an attacker points at 127.0.0.1 reaches this server with its
/// own name in <c>Host</c>. Only <c>127.0.0.1:&lt;port&gt;</c> passes; anything else (also a missing header, or a
/// request before the port is known) gets 403, health included.
/// <c>localhost</c> is refused too: the host listens on 127.0.0.1 alone, and a client that says <c>localhost</c>
/// may resolve it to <c>[::1]</c>, where another local program can listen on the same port and would receive the
/// token. Listening on <c>[::1]</c> as well would need a second free port-0 socket on the same number and a machine
/// with IPv6 loopback; the ready line's URL (<c>http://127.0.0.1:&lt;port&gt;/</c>) is all a launcher ever uses.
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
        && string.Equals(host, $"127.0.0.1:{known}", StringComparison.Ordinal);
}
