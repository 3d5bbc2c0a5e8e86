using System.Diagnostics.CodeAnalysis;
using System.Text.Encodings.Web;
using System.Text.Json;
using Prism.Protocol;
using StreamJsonRpc;

namespace Prism.Daemon.Transport;

/// <summary>The JSON-RPC formatter, serializing user data through the contract's source-generated context only.</summary>
internal static class ProtocolFormatter
{
    /// <summary>
    /// Escaping for a pipe, not an HTML page: quotes and apostrophes in messages stay readable.
    /// Every line is still valid UTF-8 JSON.
    /// </summary>
    public static JavaScriptEncoder Encoder => JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "TypeInfoResolver is the source-generated ProtocolJsonContext; the conformance suite runs against the trimmed and AOT binaries.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "TypeInfoResolver is the source-generated ProtocolJsonContext; the conformance suite runs against the trimmed and AOT binaries.")]
    public static SystemTextJsonFormatter Create() => new()
    {
        // A copy of the context's own options: snake_case names, absent optionals omitted, source-generated metadata.
        JsonSerializerOptions = new JsonSerializerOptions(ProtocolJsonContext.Default.Options) { Encoder = Encoder },
    };
}
