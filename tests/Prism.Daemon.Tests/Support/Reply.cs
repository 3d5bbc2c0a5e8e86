using System.Text.Json;

namespace Prism.Daemon.Tests.Support;

/// <summary>Reading and checking JSON-RPC replies as any client would: parse the line, look at members.</summary>
internal static class Reply
{
    public static JsonElement Parse(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            throw new Xunit.Sdk.XunitException($"stdout carried a line that is not JSON: {line}\n{exception.Message}");
        }
    }

    /// <summary>Asserts an error reply with <paramref name="code"/> and returns its message; checks it leaks nothing internal.</summary>
    public static string AssertError(string line, int code, string? idJson)
    {
        var reply = Parse(line);
        Assert.Equal("2.0", reply.GetProperty("jsonrpc").GetString());
        Assert.False(reply.TryGetProperty("result", out _), $"An error reply must not carry a result: {line}");
        Assert.Equal(idJson ?? "null", reply.GetProperty("id").GetRawText());
        var error = reply.GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetInt32());
        AssertLeaksNothingInternal(line);
        return error.GetProperty("message").GetString()!;
    }

    /// <summary>Asserts a successful reply for <paramref name="idJson"/> and returns its result.</summary>
    public static JsonElement AssertResult(string line, string idJson)
    {
        var reply = Parse(line);
        Assert.Equal("2.0", reply.GetProperty("jsonrpc").GetString());
        Assert.Equal(idJson, reply.GetProperty("id").GetRawText());
        Assert.False(reply.TryGetProperty("error", out _), $"Expected a result: {line}");
        return reply.GetProperty("result");
    }

    /// <summary>No stack trace, exception type or .NET namespace in anything sent to the client.</summary>
    public static void AssertLeaksNothingInternal(string line)
    {
        string[] telltales = ["Exception", "   at ", "System.", "StreamJsonRpc", "Prism.", "stack"];
        foreach (var telltale in telltales)
        {
            Assert.DoesNotContain(telltale, line, StringComparison.Ordinal);
        }
    }
}
