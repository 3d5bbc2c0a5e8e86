using System.Text.Json.Serialization;

namespace Prism.Protocol;

/// <summary>Where the daemon's Trade Republic session stands.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SessionStatus>))]
public enum SessionStatus
{
    [JsonStringEnumMemberName("idle")] Idle,
    [JsonStringEnumMemberName("waiting_2fa")] WaitingForSecondFactor,
    [JsonStringEnumMemberName("authenticated")] Authenticated,
}

/// <summary>How Trade Republic wants the second factor of a login confirmed.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SecondFactor>))]
public enum SecondFactor
{
    [JsonStringEnumMemberName("authenticator_code")] AuthenticatorCode,
    [JsonStringEnumMemberName("app_approval")] AppApproval,
    [JsonStringEnumMemberName("sms_code")] SmsCode,
}

/// <summary>The result of <c>get_status</c>, answered from memory without touching the network.</summary>
public sealed record GetStatusResult(
    SessionStatus Status,
    bool HasSavedSession,
    string Version,
    SecondFactor? SecondFactor = null,
    DateTimeOffset? ExpiresAt = null);

/// <summary>The result of <c>shutdown</c>: sent before the daemon exits.</summary>
public sealed record ShutdownResult(string Status)
{
    public static ShutdownResult ShuttingDown { get; } = new("shutting_down");
}
