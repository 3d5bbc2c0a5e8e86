using System.Buffers;
using System.Text.Json;
using Prism.Protocol;

namespace Prism.Daemon.Transport;

/// <summary>
/// An error response the transport writes itself, for input the RPC engine never sees.
/// <see cref="Id"/> is the request's id as it arrived (string or integer), or null when it could not be read.
/// </summary>
internal sealed record ErrorReply(int Code, string Message, JsonElement? Id)
{
    /// <summary>Upper bound on how much of a client-chosen name (method, parameter) an error message repeats.</summary>
    private const int MaxEchoedNameLength = 64;

    public static ErrorReply NotJson() =>
        new(JsonRpcErrorCodes.ParseError, "Parse error: the line is not valid UTF-8 JSON. Send one JSON-RPC request object per line.", null);

    public static ErrorReply LineTooLong(long length, int limit) =>
        new(JsonRpcErrorCodes.InvalidRequest, $"Invalid request: the line has {length} bytes, more than the limit of {limit}; it was discarded.", null);

    public static ErrorReply BatchNotSupported() =>
        new(JsonRpcErrorCodes.InvalidRequest, "Invalid request: batches (JSON arrays) are not supported. Send each request object on its own line.", null);

    public static ErrorReply NotARequest(string problem, JsonElement? id) =>
        new(JsonRpcErrorCodes.InvalidRequest, $"Invalid request: {problem}", id);

    public static ErrorReply UnknownMethod(string method, IEnumerable<string> served, JsonElement id) =>
        new(JsonRpcErrorCodes.MethodNotFound, $"Method not found: '{Shorten(method)}'. This tr-daemon serves: {string.Join(", ", served)}.", id);

    public static ErrorReply InvalidParams(string problem, JsonElement id) =>
        new(JsonRpcErrorCodes.InvalidParams, $"Invalid params: {problem}", id);

    /// <summary>A client-chosen name, cut short so a huge one is not sent back whole (never between the two halves of a surrogate pair).</summary>
    public static string Shorten(string name)
    {
        if (name.Length <= MaxEchoedNameLength)
        {
            return name;
        }

        var cut = char.IsHighSurrogate(name[MaxEchoedNameLength - 1]) ? MaxEchoedNameLength - 1 : MaxEchoedNameLength;
        return string.Concat(name.AsSpan(0, cut), "...");
    }

    /// <summary>Writes the response object: jsonrpc, id, error {code, message}.</summary>
    public void WriteTo(IBufferWriter<byte> output)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = ProtocolFormatter.Encoder });
        json.WriteStartObject();
        json.WriteString("jsonrpc", ProtocolVersion.JsonRpc);
        json.WritePropertyName("id");
        if (Id is { } id)
        {
            id.WriteTo(json);
        }
        else
        {
            json.WriteNullValue();
        }

        json.WriteStartObject("error");
        json.WriteNumber("code", Code);
        json.WriteString("message", Message);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
