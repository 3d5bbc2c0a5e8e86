using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Prism.Protocol;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace Prism.Host.Bridge;

/// <summary>
/// The JSON-RPC client side of the daemon's stdio: newline-delimited (LF) messages, System.Text.Json with
/// source-generated metadata only (safe under Native AOT and trimming), and application error data read as
/// <see cref="ApplicationErrorData"/>.
/// </summary>
internal sealed class BridgeJsonRpc(IJsonRpcMessageHandler handler) : JsonRpc(handler)
{
    public static BridgeJsonRpc Over(Stream daemonStdin, Stream daemonStdout) =>
        new(new NewLineDelimitedMessageHandler(daemonStdin, daemonStdout, CreateFormatter())
        {
            NewLine = NewLineDelimitedMessageHandler.NewLineStyle.Lf,
        });

    /// <summary>Sends <paramref name="parameters"/> as the request's named params object and reads the typed result.</summary>
    public Task<TResult> CallAsync<TParams, TResult>(DaemonCall<TParams, TResult> call, TParams parameters, CancellationToken cancellationToken)
    {
        var (arguments, declaredTypes) = NamedArguments(parameters, call.Params);
        return InvokeWithParameterObjectAsync<TResult>(call.Method, arguments, declaredTypes, cancellationToken);
    }

    protected override Type? GetErrorDetailsDataType(JsonRpcError error) =>
        Enum.IsDefined((ApplicationErrorCode)(int)(error.Error?.Code ?? 0)) ? typeof(ApplicationErrorData) : base.GetErrorDetailsDataType(error);

    /// <summary>
    /// The params record as a name → JSON value map, named exactly as the contract's context names them
    /// (snake_case, absent optionals left out): StreamJsonRpc's own object-to-dictionary conversion needs reflection.
    /// </summary>
    private static (IReadOnlyDictionary<string, object?> Arguments, IReadOnlyDictionary<string, Type> DeclaredTypes) NamedArguments<TParams>(TParams parameters, JsonTypeInfo<TParams> typeInfo)
    {
        var json = JsonSerializer.SerializeToElement(parameters, typeInfo);
        var arguments = json.EnumerateObject().ToDictionary(property => property.Name, property => (object?)property.Value, StringComparer.Ordinal);
        var declaredTypes = arguments.Keys.ToDictionary(name => name, _ => typeof(JsonElement), StringComparer.Ordinal);
        return (arguments, declaredTypes);
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The TypeInfoResolver is source-generated (ProtocolJsonContext + BridgeJsonContext); the host's tests run the published binaries' API against the real daemon.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "The TypeInfoResolver is source-generated (ProtocolJsonContext + BridgeJsonContext); the host's tests run the published binaries' API against the real daemon.")]
    private static SystemTextJsonFormatter CreateFormatter() => new()
    {
        JsonSerializerOptions = new JsonSerializerOptions(ProtocolJsonContext.Default.Options)
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine(ProtocolJsonContext.Default, BridgeJsonContext.Default),
        },
    };
}

/// <summary>The one type the bridge serializes beyond the contract's records: a named argument's JSON value.</summary>
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class BridgeJsonContext : JsonSerializerContext;
