namespace Prism.Host.Api;

/// <summary>The HTTP routes of host-api.md.</summary>
internal static class ApiRoutes
{
    public const string Health = "/api/health";
    public const string Status = "/api/status";
    public const string Login = "/api/login";
    public const string ConfirmTwoFactor = "/api/confirm-2fa";
    public const string Logout = "/api/logout";
    public const string Portfolio = "/api/portfolio";
}

/// <summary>The body of <c>GET /api/health</c>: liveness only, no data.</summary>
internal sealed record HealthReply(string Status)
{
    public static HealthReply Ok { get; } = new("ok");
}
