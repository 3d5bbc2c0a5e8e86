namespace Prism.Protocol;

/// <summary>The JSON-RPC method names of the contract, spelled as the original Python daemon spelled them.</summary>
public static class MethodNames
{
    public const string GetStatus = "get_status";
    public const string Login = "login";
    public const string ConfirmTwoFactor = "confirm_2fa";
    public const string Logout = "logout";
    public const string FetchPortfolio = "fetch_portfolio";
    public const string Shutdown = "shutdown";

    /// <summary>The notification the daemon sends first, before it reads any request.</summary>
    public const string Ready = "ready";

    /// <summary>StreamJsonRpc's cancellation notification; carries the id of the request to cancel.</summary>
    public const string CancelRequest = "$/cancelRequest";
}
