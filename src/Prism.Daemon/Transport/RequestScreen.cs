using System.Text.Json;
using System.Text.Unicode;
using Prism.Protocol;

namespace Prism.Daemon.Transport;

/// <summary>
/// Decides, line by line, what reaches the RPC engine. StreamJsonRpc drops the whole connection on input it
/// cannot parse and words its own errors with .NET type names, so everything that is not a well-formed
/// request for a served method with fitting params is answered here: -32700, -32600, -32601 and -32602.
/// Notifications are never answered, not even when they are wrong.
/// </summary>
internal sealed class RequestScreen(IReadOnlyCollection<string> servedMethods)
{
    /// <summary>Classifies one line (without its line ending).</summary>
    public ScreenVerdict Screen(ReadOnlyMemory<byte> line)
    {
        if (line.Span.Trim(" \t\r"u8).IsEmpty)
        {
            return new Ignore("blank line");
        }

        // The JSON reader does not check the UTF-8 inside strings; the engine would quietly turn it into U+FFFD.
        if (!Utf8.IsValid(line.Span))
        {
            return new Reject(ErrorReply.NotJson());
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            return new Reject(ErrorReply.NotJson());
        }

        using (document)
        {
            return document.RootElement.ValueKind switch
            {
                JsonValueKind.Array => new Reject(ErrorReply.BatchNotSupported()),
                JsonValueKind.Object => ScreenObject(document.RootElement),
                _ => new Reject(ErrorReply.NotARequest("a request must be a JSON object with a \"method\" member.", null)),
            };
        }
    }

    private ScreenVerdict ScreenObject(JsonElement request)
    {
        var hasId = request.TryGetProperty("id", out var rawId);
        if (hasId && !IsValidId(rawId))
        {
            return new Reject(ErrorReply.NotARequest("\"id\" must be a string or an integer.", null));
        }

        JsonElement? id = hasId ? rawId.Clone() : null;
        if (request.TryGetProperty("jsonrpc", out var version)
            && !(version.ValueKind == JsonValueKind.String && version.ValueEquals(ProtocolVersion.JsonRpc)))
        {
            return new Reject(ErrorReply.NotARequest("\"jsonrpc\" must be \"2.0\" (or left out).", id));
        }

        if (!request.TryGetProperty("method", out var methodElement) || methodElement.ValueKind != JsonValueKind.String)
        {
            return new Reject(ErrorReply.NotARequest("\"method\" must be a string naming the method, e.g. \"get_status\".", id));
        }

        JsonElement? parameters = request.TryGetProperty("params", out var rawParameters) ? rawParameters : null;
        if (parameters is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Array) })
        {
            return new Reject(ErrorReply.NotARequest("\"params\" must be an object or an array (or left out).", id));
        }

        return id is { } requestId
            ? ScreenRequest(methodElement.GetString()!, parameters, requestId)
            : ScreenNotification(methodElement.GetString()!, parameters);
    }

    private ScreenVerdict ScreenRequest(string method, JsonElement? parameters, JsonElement id)
    {
        if (!servedMethods.Contains(method))
        {
            return new Reject(ErrorReply.UnknownMethod(method, servedMethods, id));
        }

        return ParameterValidator.FindProblem(method, parameters) is { } problem
            ? new Reject(ErrorReply.InvalidParams(problem, id))
            : new Forward(id);
    }

    private ScreenVerdict ScreenNotification(string method, JsonElement? parameters)
    {
        if (method == MethodNames.CancelRequest)
        {
            return new Forward(Id: null);
        }

        if (!servedMethods.Contains(method))
        {
            return new Ignore($"notification for unknown method '{ErrorReply.Shorten(method)}'");
        }

        return ParameterValidator.FindProblem(method, parameters) is { } problem
            ? new Ignore($"notification with invalid params: {problem}")
            : new Forward(Id: null);
    }

    private static bool IsValidId(JsonElement id) => id.ValueKind switch
    {
        JsonValueKind.String => true,
        JsonValueKind.Number => id.TryGetInt64(out _),
        _ => false,
    };
}
