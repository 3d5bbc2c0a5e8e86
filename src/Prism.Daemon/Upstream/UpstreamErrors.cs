using System.Globalization;
using System.Net;
using System.Text.Json;
using Prism.Daemon.Json;
using Prism.Protocol;

namespace Prism.Daemon.Upstream;

/// <summary>What a Trade Republic HTTP call was for; decides what an unknown refusal means.</summary>
internal enum UpstreamCall
{
    /// <summary>Phone and PIN are checked: an unexplained refusal is a rejected login.</summary>
    LoginStart,

    /// <summary>A step of a login already started (process state, second factor).</summary>
    LoginStep,

    /// <summary>A call made with the session cookies (refresh, account).</summary>
    SessionCall,
}

/// <summary>
/// Maps a failed Trade Republic HTTP answer to the contract's application error (../shared/design/daemon-protocol.md),
/// with Trade Republic's own error code as reason. Pure: the caller has read status, headers and body.
/// </summary>
internal static class UpstreamErrors
{
    /// <summary>
    /// The failure for an answer with <paramref name="status"/>; the wait before another try is Trade Republic's own
    /// <c>meta.nextAttemptInSeconds</c> when the body has one, else the <c>Retry-After</c> header's
    /// (<paramref name="retryAfterSeconds"/>).
    /// </summary>
    public static SessionFailure Map(UpstreamCall call, HttpStatusCode status, string? server, string body, int? retryAfterSeconds)
    {
        var (code, nextAttemptSeconds) = ReadBody(body);
        return Classify(call, status, server, code, nextAttemptSeconds ?? retryAfterSeconds).AnsweredWith((int)status);
    }

    private static SessionFailure Classify(UpstreamCall call, HttpStatusCode status, string? server, string? code, int? retryAfterSeconds)
    {
        var described = $"HTTP {(int)status}{(code is null ? "" : $", {code}")}";
        return (status, code) switch
        {
            (HttpStatusCode.MethodNotAllowed, _) when server?.Contains("awselb", StringComparison.OrdinalIgnoreCase) == true =>
                new(ApplicationErrorCode.UpstreamBlocked, "Trade Republic's load balancer blocked the request before it reached the login service (HTTP 405 from awselb). The v1 login needs a browser's WAF token; use the v2 login (unset PRISM_TR_LOGIN_API).", code),
            // 426 as the reference documents it; 422 MOBILE_APP_VERSION_NOT_SUPPORTED as Trade Republic answered pytr's default in September 2026.
            (HttpStatusCode.UpgradeRequired, _) or (_, "CLIENT_VERSION_OUTDATED" or "MOBILE_APP_VERSION_NOT_SUPPORTED") =>
                new(ApplicationErrorCode.ClientOutdated, $"Trade Republic considers this client outdated ({described}); set PRISM_TR_APP_VERSION to the current web app version.", code),
            (_, "TOO_MANY_REQUESTS") or (HttpStatusCode.TooManyRequests, _) =>
                new(ApplicationErrorCode.RateLimited, $"Trade Republic is rate limiting ({described}); wait{(retryAfterSeconds is { } s ? $" {s} s" : " a while")} before trying again.", code ?? "TOO_MANY_REQUESTS", retryAfterSeconds),
            (_, "VALIDATION_CODE_INVALID" or "VALIDATION_CODE_ALREADY_USED") =>
                new(ApplicationErrorCode.CodeInvalid, $"Trade Republic did not accept the code ({described}); check it and call confirm_2fa again.", code),
            (_, "PROCESS_GONE" or "ALREADY_PROCESSED" or "NOT_FOUND") =>
                new(ApplicationErrorCode.LoginExpired, $"the login is no longer valid at Trade Republic ({described}); call login again.", code),
            (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest or HttpStatusCode.NotFound, _) when call == UpstreamCall.LoginStart && code != "MISSING_REQUIRED_HEADER" =>
                new(ApplicationErrorCode.LoginRejected, $"Trade Republic refused the phone number or PIN ({described}).", code),
            (HttpStatusCode.Unauthorized, _) or (_, "AUTHENTICATION_ERROR") =>
                new(ApplicationErrorCode.NotAuthenticated, $"Trade Republic no longer accepts the session ({described}); call login again.", code),
            _ => new(ApplicationErrorCode.UpstreamError, $"Trade Republic answered {described}.", code ?? $"HTTP_{(int)status}"),
        };
    }

    /// <summary>The first <c>errors[].errorCode</c> of an error body, or null when the body has none.</summary>
    public static string? FirstErrorCode(string body) => ReadBody(body).Code;

    /// <summary>The first error's code and its <c>meta.nextAttemptInSeconds</c> (a number or a numeric string), each null when absent.</summary>
    private static (string? Code, int? NextAttemptSeconds) ReadBody(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return (ErrorCodeOf(document.RootElement), NextAttemptSecondsOf(document.RootElement));
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static int? NextAttemptSecondsOf(JsonElement payload)
    {
        if (FirstError(payload) is not { } error
            || !JsonText.TryGetMember(error, "meta", out var meta)
            || !JsonText.TryGetMember(meta, "nextAttemptInSeconds", out var next))
        {
            return null;
        }

        var seconds = next.ValueKind switch
        {
            JsonValueKind.Number when next.TryGetDouble(out var number) => number,
            JsonValueKind.String when JsonText.TryGetString(next, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => number,
            _ => double.NaN,
        };
        return WaitSeconds(seconds);
    }

    /// <summary>
    /// A wait Trade Republic asks for (body or <c>Retry-After</c>) in whole seconds, rounded up so a client never tries a
    /// moment too early; nonsense (negative, beyond a day, not a number) is null.
    /// </summary>
    public static int? WaitSeconds(double seconds) => seconds is >= 0 and <= 86_400 ? (int)Math.Ceiling(seconds) : null;

    /// <summary>The first <c>errors[].errorCode</c> of a parsed error payload (HTTP body or websocket E frame).</summary>
    public static string? ErrorCodeOf(JsonElement payload) =>
        FirstError(payload) is { } error
        && JsonText.TryGetMember(error, "errorCode", out var errorCode)
        && JsonText.TryGetString(errorCode, out var code)
            ? Sanitized(code)
            : null;

    private static JsonElement? FirstError(JsonElement payload) =>
        JsonText.TryGetMember(payload, "errors", out var errors)
        && errors.ValueKind == JsonValueKind.Array
        && errors.GetArrayLength() > 0
        && errors[0].ValueKind == JsonValueKind.Object
            ? errors[0]
            : null;

    /// <summary>A server code is shown to the user: keep it a short identifier, so a body can never smuggle a secret in.</summary>
    private static string? Sanitized(string code) =>
        code.Length is > 0 and <= 64 && code.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? code : null;
}
