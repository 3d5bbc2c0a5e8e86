using Prism.Protocol;
using Serilog;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace Prism.Daemon.Rpc;

/// <summary>
/// The RPC engine with error details that keep internals inside: a method that throws anything but a
/// <see cref="LocalRpcException"/> (which carries the contract's own code and data) is logged on stderr
/// and answered with a generic internal error, without stack trace, exception type or message.
/// </summary>
internal sealed class DaemonJsonRpc(IJsonRpcMessageHandler handler, ILogger log) : JsonRpc(handler)
{
    protected override JsonRpcError.ErrorDetail CreateErrorDetails(JsonRpcRequest request, Exception exception)
    {
        log.Error(exception, "Method {Method} failed", request.Method);
        return new JsonRpcError.ErrorDetail
        {
            Code = (JsonRpcErrorCode)JsonRpcErrorCodes.InternalError,
            Message = $"Internal error while running '{request.Method}'. The daemon's log (stderr) has the details.",
        };
    }
}
