using Prism.Host.Bridge;
using Prism.Protocol;
using StreamJsonRpc;

namespace Prism.Host.Api;

/// <summary>
/// Turns what went wrong with a daemon call into the error of host-api.md: the daemon's code and name, a message
/// for people, and the HTTP status (400 bad input, 401 not authenticated, 409 wrong login state, 429 rate limited,
/// 500 a data folder the daemon cannot use, 501 method missing from this daemon, 502 upstream failure, 503 no daemon,
/// 504 timeout).
/// </summary>
internal static class ApiErrors
{
    /// <summary>The host's own code for "there is no daemon to ask" (JSON-RPC's implementation-defined server error range).</summary>
    public const int DaemonUnavailableCode = -32001;

    public static ApiError InvalidBody(string expected) =>
        new(JsonRpcErrorCodes.InvalidParams, "INVALID_PARAMS", $"The request body must be a JSON object {expected}.") { HttpStatus = StatusCodes.Status400BadRequest };

    /// <summary>The API error for an exception from <see cref="DaemonBridge.CallAsync"/>, or null for one it does not describe.</summary>
    public static ApiError? From(Exception exception) => exception switch
    {
        DaemonNotFoundException or DaemonStartException or DaemonConnectionLostException =>
            new(DaemonUnavailableCode, "DAEMON_UNAVAILABLE", exception.Message) { HttpStatus = StatusCodes.Status503ServiceUnavailable },
        DaemonTimeoutException =>
            new((int)ApplicationErrorCode.Timeout, ApplicationErrorCodeNames.Of(ApplicationErrorCode.Timeout), exception.Message) { HttpStatus = StatusCodes.Status504GatewayTimeout },
        RemoteMethodNotFoundException notFound =>
            new(JsonRpcErrorCodes.MethodNotFound, "METHOD_NOT_FOUND", $"This tr-daemon does not offer '{notFound.TargetMethod}' yet; update tr-daemon.") { HttpStatus = StatusCodes.Status501NotImplemented },
        RemoteInvocationException remote => FromDaemonError(remote),
        _ => null,
    };

    private static ApiError FromDaemonError(RemoteInvocationException remote)
    {
        var code = remote.ErrorCode;
        var error = Enum.IsDefined((ApplicationErrorCode)code)
            ? new ApiError(code, ApplicationErrorCodeNames.Of((ApplicationErrorCode)code), remote.Message) { HttpStatus = StatusOf((ApplicationErrorCode)code) }
            : code switch
            {
                JsonRpcErrorCodes.InvalidParams => new(code, "INVALID_PARAMS", remote.Message) { HttpStatus = StatusCodes.Status400BadRequest },
                JsonRpcErrorCodes.MethodNotFound => new(code, "METHOD_NOT_FOUND", remote.Message) { HttpStatus = StatusCodes.Status501NotImplemented },
                _ => new ApiError(code, "DAEMON_ERROR", remote.Message) { HttpStatus = StatusCodes.Status502BadGateway },
            };
        // BridgeJsonRpc reads an application error's data as ApplicationErrorData; its retry_after_s becomes Retry-After.
        return remote.DeserializedErrorData is ApplicationErrorData { RetryAfterS: { } retryAfter } ? error with { RetryAfterSeconds = retryAfter } : error;
    }

    private static int StatusOf(ApplicationErrorCode code) => code switch
    {
        ApplicationErrorCode.NotAuthenticated => StatusCodes.Status401Unauthorized,
        ApplicationErrorCode.LoginRejected or ApplicationErrorCode.CodeInvalid => StatusCodes.Status400BadRequest,
        ApplicationErrorCode.LoginExpired or ApplicationErrorCode.NoPendingLogin or ApplicationErrorCode.SessionRestoreFailed => StatusCodes.Status409Conflict,
        ApplicationErrorCode.RateLimited => StatusCodes.Status429TooManyRequests,
        ApplicationErrorCode.Timeout => StatusCodes.Status504GatewayTimeout,
        // The fault is on this machine (the folder's owner or mode), not upstream: the message names the folder and the fix.
        ApplicationErrorCode.DataFolderUnusable => StatusCodes.Status500InternalServerError,
        _ => StatusCodes.Status502BadGateway,
    };
}
