using Prism.Daemon.Storage;
using Prism.Daemon.Upstream;
using Prism.Protocol;
using Serilog;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace Prism.Daemon.Rpc;

/// <summary>
/// The RPC engine with error details that keep internals inside: a <see cref="SessionFailure"/> becomes the
/// contract's application error (code, message, <c>data.reason</c>); a data folder that cannot be used is
/// DATA_FOLDER_UNUSABLE (1012), whose message names the folder and the fix; anything else is logged on stderr and answered with a generic
/// internal error, without stack trace, exception type or message.
/// </summary>
internal sealed class DaemonJsonRpc(IJsonRpcMessageHandler handler, ILogger log) : JsonRpc(handler)
{
    protected override JsonRpcError.ErrorDetail CreateErrorDetails(JsonRpcRequest request, Exception exception)
    {
        if (exception is SessionFailure failure)
        {
            // The message is written to be shown: it never holds a secret, so the log may carry it too.
            log.Warning("Method {Method} failed: {Failure}", request.Method, failure.Message);
            return new JsonRpcError.ErrorDetail
            {
                Code = (JsonRpcErrorCode)(int)failure.Code,
                Message = failure.Message,
                Data = new ApplicationErrorData(failure.Reason, failure.RetryAfterSeconds),
            };
        }

        if (exception is DataDirectoryUnusable unusable)
        {
            // The user's to fix, not a bug of the daemon's: 1012, saying which folder and how; no secret is in a folder's problem.
            log.Error("Method {Method} failed: {Problem}", request.Method, unusable.Message);
            return new JsonRpcError.ErrorDetail
            {
                Code = (JsonRpcErrorCode)(int)ApplicationErrorCode.DataFolderUnusable,
                Message = unusable.Message,
                Data = new ApplicationErrorData(),
            };
        }

        log.Error(exception, "Method {Method} failed", request.Method);
        return new JsonRpcError.ErrorDetail
        {
            Code = (JsonRpcErrorCode)JsonRpcErrorCodes.InternalError,
            Message = $"Internal error while running '{request.Method}'. The daemon's log (stderr) has the details.",
        };
    }
}
