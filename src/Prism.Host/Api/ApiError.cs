using System.Text.Json.Serialization;

namespace Prism.Host.Api;

/// <summary>The error body of host-api.md: <c>{"error":{"code","name","message"}}</c>.</summary>
internal sealed record ApiErrorBody(ApiError Error);

/// <summary>
/// One API error: the daemon's (or the host's) code, its contract name, a message for people, and what travels
/// beside the body: the HTTP status, and the seconds to wait before trying again (<c>Retry-After</c>) when known.
/// </summary>
internal sealed record ApiError(int Code, string Name, string Message)
{
    [JsonIgnore]
    public int HttpStatus { get; init; } = StatusCodes.Status500InternalServerError;

    /// <summary>The daemon's <c>retry_after_s</c>, sent as the <c>Retry-After</c> header (never in the body); null when it gave none.</summary>
    [JsonIgnore]
    public int? RetryAfterSeconds { get; init; }
}
