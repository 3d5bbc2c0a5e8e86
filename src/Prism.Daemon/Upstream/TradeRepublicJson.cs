using System.Text.Json;
using System.Text.Json.Serialization;

namespace Prism.Daemon.Upstream;

/// <summary>Body of both web logins: <c>{"phoneNumber","pin"}</c>. <see cref="ToString"/> shows neither.</summary>
internal sealed record LoginRequest(string PhoneNumber, string Pin)
{
    public override string ToString() => "LoginRequest { <redacted> }";
}

/// <summary>Answer of a web login: the process to continue with; <c>countdownInSeconds</c> may be missing. <see cref="ToString"/> hides the process id.</summary>
internal sealed record LoginStarted(string? ProcessId, int? CountdownInSeconds)
{
    public override string ToString() => $"LoginStarted {{ ProcessId = <redacted>, CountdownInSeconds = {CountdownInSeconds} }}";

    /// <summary>The process id, checked to be usable as one path segment.</summary>
    public string RequireProcessId() =>
        ProcessId is { Length: > 0 } id && !id.Contains('/', StringComparison.Ordinal)
            ? id
            : throw SessionFailure.UnexpectedAnswer("the login request", "no usable processId");

    /// <summary>The countdown Trade Republic gave, or <paramref name="fallback"/> seconds when it gave none.</summary>
    public int CountdownOr(int fallback) => CountdownInSeconds is { } seconds and > 0 ? seconds : fallback;
}

/// <summary>State of a v2 login process; <c>expiresAt</c> is ISO-8601 or epoch seconds/milliseconds.</summary>
internal sealed record LoginProcessState(string? RequiredAction, string? Status, JsonElement? ExpiresAt);

/// <summary>Body of the authenticator verification. <see cref="ToString"/> never shows the code.</summary>
internal sealed record AuthenticatorCode(string Code)
{
    public override string ToString() => "AuthenticatorCode { <redacted> }";
}

/// <summary>The part of <c>/api/v2/auth/account</c> the portfolio subscription needs. <see cref="ToString"/> hides the account number.</summary>
internal sealed record AccountInfo(string? SecuritiesAccountNumber)
{
    public override string ToString() => "AccountInfo { <redacted> }";
}

/// <summary>What <c>X-TR-Device-Info</c> carries (base64 of this object as JSON). <see cref="ToString"/> hides the installation's id.</summary>
internal sealed record DeviceInfo(
    string StableDeviceId,
    string Browser,
    string BrowserVersion,
    string Os,
    string OsVersion,
    string Timezone,
    int TimezoneOffset,
    string Screen,
    IReadOnlyList<string> PreferredLanguages,
    int NumberOfCores)
{
    public override string ToString() => $"DeviceInfo {{ StableDeviceId = <redacted>, Os = {Os} {OsVersion}, Timezone = {Timezone} }}";
}

/// <summary>One cookie as saved in the session file.</summary>
internal sealed record SavedCookie(string Name, string Value, string Domain, string Path, DateTimeOffset? Expires, bool Secure, bool HttpOnly)
{
    public override string ToString() => $"SavedCookie {{ Name = {Name}, Domain = {Domain} }}";
}

/// <summary>The session file's content: format version, the cookies, and when it was saved.</summary>
internal sealed record SavedSession(int Format, IReadOnlyList<SavedCookie> Cookies, DateTimeOffset SavedAt)
{
    public const int CurrentFormat = 1;
}

/// <summary>Source-generated JSON for Trade Republic's own shapes and the daemon's files (camelCase, as Trade Republic writes).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LoginRequest))]
[JsonSerializable(typeof(LoginStarted))]
[JsonSerializable(typeof(LoginProcessState))]
[JsonSerializable(typeof(AuthenticatorCode))]
[JsonSerializable(typeof(AccountInfo))]
[JsonSerializable(typeof(DeviceInfo))]
[JsonSerializable(typeof(SavedSession))]
internal sealed partial class TradeRepublicJsonContext : JsonSerializerContext;
