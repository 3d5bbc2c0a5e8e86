namespace Prism.Protocol;

/// <summary>The protocol generation announced in the ready line; raised only on incompatible changes.</summary>
public static class ProtocolVersion
{
    public const int Current = 1;

    /// <summary>The JSON-RPC version every message carries in its "jsonrpc" member.</summary>
    public const string JsonRpc = "2.0";
}
