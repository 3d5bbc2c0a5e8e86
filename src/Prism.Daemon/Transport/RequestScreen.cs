using System.Text.Json;
using System.Text.Unicode;
using Prism.Daemon.Json;
using Prism.Protocol;
using StreamJsonRpc;

namespace Prism.Daemon.Transport;

/// <summary>
/// Decides, line by line, what reaches the RPC engine. StreamJsonRpc drops the whole connection on input it
/// cannot parse and words its own errors with .NET type names, so everything that is not a well-formed
/// request for a served method with fitting params is answered here: -32700, -32600, -32601 and -32602 — also a
/// request holding a string that is no Unicode text (<see cref="UnreadableText"/>), which the engine could not read.
/// Notifications are never answered, not even when they are wrong; only <c>$/cancelRequest</c> and <c>shutdown</c>
/// act without an id (the transport carries them out itself), every other one is dropped.
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
        var unreadable = UnreadableText.Find(request);
        var hasId = JsonText.TryGetMember(request, "id", out var rawId);
        if (hasId && !JsonText.IsText(rawId))
        {
            // Checked on its own: the first unreadable text may be elsewhere, and an id that is none cannot be echoed.
            return new Reject(ErrorReply.NotARequest(new UnreadableText("id", null).Describe(method: null), null));
        }

        if (hasId && !IsValidId(rawId))
        {
            return new Reject(ErrorReply.NotARequest("\"id\" must be a string or an integer.", null));
        }

        JsonElement? id = hasId ? rawId.Clone() : null;
        if (unreadable is { InParams: false })
        {
            return new Reject(ErrorReply.NotARequest(unreadable.Describe(method: null), id));
        }

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

        var method = methodElement.GetString()!;
        var problem = unreadable?.Describe(method);
        return id is { } requestId
            ? ScreenRequest(method, parameters, problem, requestId)
            : ScreenNotification(method, parameters, problem);
    }

    /// <param name="unreadableParams">What is wrong with the params' text, or null when all of it is readable.</param>
    private ScreenVerdict ScreenRequest(string method, JsonElement? parameters, string? unreadableParams, JsonElement id)
    {
        if (!servedMethods.Contains(method))
        {
            return new Reject(ErrorReply.UnknownMethod(method, servedMethods, id));
        }

        return (unreadableParams ?? ParameterValidator.FindProblem(method, parameters)) is { } problem
            ? new Reject(ErrorReply.InvalidParams(problem, id))
            : new Forward(id);
    }

    /// <summary>
    /// A request without an id: <c>$/cancelRequest</c> and <c>shutdown</c> act, as a client that sends them without an
    /// id means them to; anything else is dropped, so that no work starts that nobody hears about (and a flood of
    /// notifications cannot queue work without bound).
    /// </summary>
    private ScreenVerdict ScreenNotification(string method, JsonElement? parameters, string? unreadableParams)
    {
        if (unreadableParams is not null)
        {
            return new Drop($"a notification for '{ErrorReply.Shorten(method)}' (no id): {unreadableParams}");
        }

        switch (method)
        {
            case MethodNames.CancelRequest:
                return CancelledId(parameters) is { } cancelled
                    ? new Cancel(cancelled)
                    : new Drop($"a {MethodNames.CancelRequest} without the id of a request (params {{\"id\": <string or integer>}})");
            case MethodNames.Shutdown when servedMethods.Contains(method):
                return ParameterValidator.FindProblem(method, parameters) is { } problem
                    ? new Drop($"a shutdown notification with invalid params: {problem}")
                    : new Stop();
            default:
                return new Drop($"a notification for '{ErrorReply.Shorten(method)}' (no id): only {MethodNames.CancelRequest} and {MethodNames.Shutdown} act without an id; send an id to call it and get its reply");
        }
    }

    /// <summary>The request a <c>$/cancelRequest</c> names: <c>{"id": …}</c> or <c>[id]</c>, as StreamJsonRpc accepts it.</summary>
    private static RequestId? CancelledId(JsonElement? parameters) => parameters switch
    {
        { ValueKind: JsonValueKind.Object } named when named.TryGetProperty("id", out var id) => ToRequestId(id),
        { ValueKind: JsonValueKind.Array } positional when positional.GetArrayLength() == 1 => ToRequestId(positional[0]),
        _ => null,
    };

    /// <summary>An id as the engine reads one (a string, or an integer within 64 bits), so the cancellation finds its request.</summary>
    private static RequestId? ToRequestId(JsonElement id) => id.ValueKind switch
    {
        JsonValueKind.String => new RequestId(id.GetString()),
        JsonValueKind.Number when id.TryGetInt64(out var number) => new RequestId(number),
        _ => null,
    };

    private static bool IsValidId(JsonElement id) => id.ValueKind switch
    {
        JsonValueKind.String => true,
        JsonValueKind.Number => id.TryGetInt64(out _),
        _ => false,
    };
}
