namespace Prism.Protocol;

/// <summary>
/// The first line on stdout. A JSON-RPC notification whose extra top-level <c>status</c> and <c>pid</c> keep
/// the original Python bridge (which requires <c>"status":"ready"</c>) working; JSON-RPC clients ignore them.
/// Member order is the contract's: jsonrpc, method, params, status, pid.
/// </summary>
public sealed record ReadyNotification(string Jsonrpc, string Method, ReadyParams Params, string Status, int Pid)
{
    /// <summary>The ready line of a daemon of <paramref name="version"/> running as process <paramref name="pid"/>.</summary>
    public static ReadyNotification For(string version, int pid) =>
        new(ProtocolVersion.JsonRpc, MethodNames.Ready, new ReadyParams(version, pid, ProtocolVersion.Current), "ready", pid);
}

/// <summary>The <c>params</c> of the ready notification.</summary>
public sealed record ReadyParams(string Version, int Pid, int Protocol);
