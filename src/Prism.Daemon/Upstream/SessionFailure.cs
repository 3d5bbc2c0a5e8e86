using Prism.Protocol;

namespace Prism.Daemon.Upstream;

/// <summary>
/// A session operation that failed in a way the client branches on: one of the contract's application errors,
/// with Trade Republic's own code as <see cref="Reason"/> when there is one. Messages are written for people and
/// never carry a phone number, PIN, code, process id or cookie value.
/// </summary>
internal sealed class SessionFailure(ApplicationErrorCode code, string message, string? reason = null, int? retryAfterSeconds = null)
    : Exception($"{ApplicationErrorCodeNames.Of(code)}: {message}")
{
    public ApplicationErrorCode Code { get; } = code;

    public string? Reason { get; } = reason;

    public int? RetryAfterSeconds { get; } = retryAfterSeconds;

    /// <summary>
    /// The HTTP status when Trade Republic answered and refused (null when it was not reached, timed out, or
    /// the failure is the daemon's own): only a refusal says anything about whether a session is still valid.
    /// </summary>
    public int? HttpStatus { get; private init; }

    /// <summary>This failure, as caused by an HTTP answer with <paramref name="status"/>.</summary>
    public SessionFailure AnsweredWith(int status) =>
        new(Code, Message[(ApplicationErrorCodeNames.Of(Code).Length + 2)..], Reason, RetryAfterSeconds) { HttpStatus = status };

    public static SessionFailure NotAuthenticated() =>
        new(ApplicationErrorCode.NotAuthenticated, "there is no Trade Republic session; call login (and confirm_2fa) first.");

    public static SessionFailure SessionExpired(string? reason) =>
        new(ApplicationErrorCode.NotAuthenticated, "Trade Republic ended the session (it expired or was signed out elsewhere); the saved session was deleted. Call login again.", reason);

    /// <summary>A login, its second factor or a fetch that a logout cut short: the person asked to be signed out, so they are.</summary>
    public static SessionFailure LoggedOutMeanwhile() =>
        new(ApplicationErrorCode.NotAuthenticated, "a logout ended this login or session while the call was running; call login to sign in again.");

    public static SessionFailure NoPendingLogin() =>
        new(ApplicationErrorCode.NoPendingLogin, "no login is waiting for a second factor; call login first.");

    public static SessionFailure RestoreFailed() =>
        new(ApplicationErrorCode.SessionRestoreFailed, "there is no valid saved session for this phone number; call login without restore_only to sign in again.");

    public static SessionFailure ApprovalWindowClosed() =>
        new(ApplicationErrorCode.LoginExpired, "the login was not approved in the Trade Republic app before it expired; call login again.");

    public static SessionFailure ApprovalFailed(string status) => status == "REJECTED"
        ? new(ApplicationErrorCode.LoginRejected, "the login was rejected in the Trade Republic app.", status)
        : new(ApplicationErrorCode.LoginExpired, $"Trade Republic ended the login with status {status}; call login again.", status);

    public static SessionFailure Timeout(string what, TimeSpan limit) =>
        new(ApplicationErrorCode.Timeout, $"Trade Republic did not answer {what} within {limit.TotalSeconds:0} s; check the network and try again (PRISM_TR_TIMEOUT_S sets the limit).");

    public static SessionFailure Unreachable(string what, string host, string problem) =>
        new(ApplicationErrorCode.UpstreamError, $"could not reach Trade Republic at {host} for {what}: {problem}");

    public static SessionFailure UnexpectedAnswer(string what, string problem) =>
        new(ApplicationErrorCode.UpstreamError, $"Trade Republic answered {what} in an unexpected form ({problem}); its web API may have changed.");

    /// <summary>An answer beyond the daemon's bound for it (<paramref name="limit"/>, in words): nothing Trade Republic sends comes near it.</summary>
    public static SessionFailure AnswerTooLarge(string what, string limit) =>
        new(ApplicationErrorCode.UpstreamError, $"Trade Republic's answer to {what} is larger than the daemon accepts ({limit}); it was not read. Its web API may have changed, or something between here and Trade Republic sends what it should not.");

    public static SessionFailure PortfolioError(string? reason) =>
        new(ApplicationErrorCode.UpstreamError, $"Trade Republic refused the portfolio subscription{(reason is null ? "" : $" ({reason})")}.", reason);
}
