namespace Prism.Host.Api;

/// <summary>The error body of host-api.md: <c>{"error":{"code","name","message"}}</c>.</summary>
internal sealed record ApiErrorBody(ApiError Error);

/// <summary>One API error: the daemon's (or the host's) code, its contract name, a message for people, and the HTTP status it travels with.</summary>
internal sealed record ApiError(int Code, string Name, string Message)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public int HttpStatus { get; init; } = StatusCodes.Status500InternalServerError;
}
