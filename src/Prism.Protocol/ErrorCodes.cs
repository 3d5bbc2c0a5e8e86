namespace Prism.Protocol;

/// <summary>The JSON-RPC 2.0 error codes the daemon answers with (the spec's reserved range).</summary>
public static class JsonRpcErrorCodes
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;
    public const int MethodNotFound = -32601;
    public const int InvalidParams = -32602;
    public const int InternalError = -32603;

    /// <summary>StreamJsonRpc's code for a request cancelled through <c>$/cancelRequest</c>.</summary>
    public const int RequestCancelled = -32800;
}

/// <summary>The contract's application error codes (<c>error.code</c>); <c>error.data.reason</c> carries Trade Republic's own code.</summary>
public enum ApplicationErrorCode
{
    NotAuthenticated = 1001,
    LoginRejected = 1002,
    RateLimited = 1003,
    CodeInvalid = 1004,
    LoginExpired = 1005,
    NoPendingLogin = 1006,
    SessionRestoreFailed = 1007,
    UpstreamBlocked = 1008,
    ClientOutdated = 1009,
    UpstreamError = 1010,
    Timeout = 1011,
    DataFolderUnusable = 1012,
}

/// <summary>The contract's names for application error codes, as clients print them.</summary>
public static class ApplicationErrorCodeNames
{
    /// <summary>The contract name of <paramref name="code"/>, e.g. <c>NOT_AUTHENTICATED</c> for 1001.</summary>
    public static string Of(ApplicationErrorCode code) => code switch
    {
        ApplicationErrorCode.NotAuthenticated => "NOT_AUTHENTICATED",
        ApplicationErrorCode.LoginRejected => "LOGIN_REJECTED",
        ApplicationErrorCode.RateLimited => "RATE_LIMITED",
        ApplicationErrorCode.CodeInvalid => "CODE_INVALID",
        ApplicationErrorCode.LoginExpired => "LOGIN_EXPIRED",
        ApplicationErrorCode.NoPendingLogin => "NO_PENDING_LOGIN",
        ApplicationErrorCode.SessionRestoreFailed => "SESSION_RESTORE_FAILED",
        ApplicationErrorCode.UpstreamBlocked => "UPSTREAM_BLOCKED",
        ApplicationErrorCode.ClientOutdated => "CLIENT_OUTDATED",
        ApplicationErrorCode.UpstreamError => "UPSTREAM_ERROR",
        ApplicationErrorCode.Timeout => "TIMEOUT",
        ApplicationErrorCode.DataFolderUnusable => "DATA_FOLDER_UNUSABLE",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Not an application error code of the tr-daemon contract (1001-1012)."),
    };
}

/// <summary>The <c>error.data</c> of an application error: Trade Republic's own code and, when rate limited, the wait.</summary>
public sealed record ApplicationErrorData(string? Reason = null, int? RetryAfterS = null);
