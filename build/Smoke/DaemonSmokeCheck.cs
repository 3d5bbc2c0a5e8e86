using System.Text.Json;
using Prism.Pipeline.Emulation;

namespace Prism.Pipeline.Smoke;

/// <summary>
/// Drives a produced tr-daemon over its real stdin/stdout the way any client would: the ready line, a request in the
/// original Python bridge's form, an unknown method, a malformed line and a request after it, then EOF — which must
/// bring every reply and a clean exit within 2 s. Every stdout line must be JSON. An emulated daemon is held to the
/// same answers, with its route's longer time limits.
/// </summary>
internal static class DaemonSmokeCheck
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan ExitAfterEof = TimeSpan.FromSeconds(2);

    private static readonly string[] Requests =
    [
        """{"method":"get_status","params":{},"id":"get_status_1"}""",
        """{"jsonrpc":"2.0","method":"no_such_method","params":{},"id":2}""",
        """{"method": "get_status", this is not json""",
        """{"jsonrpc":"2.0","method":"get_status","params":{},"id":3}""",
    ];

    public static async Task<SmokeResult> RunAsync(EmulationSession session, string binary, string dataDirectory, CancellationToken abort)
    {
        var (replyTimeout, exitAfterEof) = (session.Route.Allow(ReplyTimeout), session.Route.Allow(ExitAfterEof));
        var failures = new List<string>();
        using var daemon = ChildProcess.Start(session.Command(binary, []), new Dictionary<string, string> { ["PRISM_DATA_DIR"] = dataDirectory }, abort);
        var ready = await daemon.ReadLineAsync(replyTimeout);
        if (Parse(ready) is not { } readyLine || readyLine.GetProperty("method").GetString() != "ready" ||
            readyLine.GetProperty("status").GetString() != "ready")
        {
            return SmokeResult.NoReadyLine(binary, replyTimeout, ready, daemon.StderrTail());
        }

        await daemon.WriteLinesAsync(Requests);
        var first = await daemon.ReadLineAsync(replyTimeout);
        var firstReply = daemon.SinceSpawn.Elapsed;
        var replies = new List<string?> { first };
        for (var i = 1; i < Requests.Length; i++)
        {
            replies.Add(await daemon.ReadLineAsync(replyTimeout));
        }

        daemon.CloseInput();
        var tail = await daemon.ReadLineAsync(exitAfterEof);
        var exitCode = await daemon.WaitForExitAsync(exitAfterEof);
        CheckReplies(replies, failures);
        if (tail is not null)
        {
            failures.Add($"unexpected output after the last reply: {tail}");
        }

        if (SmokeResult.ExitProblem(exitCode, exitAfterEof) is { } exitProblem)
        {
            failures.Add(exitProblem);
        }

        return new SmokeResult(binary, failures.Count == 0 ? firstReply : null, failures);
    }

    private static void CheckReplies(List<string?> replies, List<string> failures)
    {
        var parsed = replies.Select(Parse).ToList();
        for (var i = 0; i < replies.Count; i++)
        {
            if (parsed[i] is null)
            {
                failures.Add($"reply {i + 1} is not a JSON line: {replies[i] ?? "(none)"}");
            }
        }

        if (failures.Count > 0)
        {
            return;
        }

        Expect(failures, parsed, "get_status_1", reply => reply.TryGetProperty("result", out var result) && result.TryGetProperty("status", out _), "a get_status result");
        Expect(failures, parsed, 2, reply => ErrorCode(reply) == -32601, "error -32601 for an unknown method");
        Expect(failures, parsed, null, reply => ErrorCode(reply) == -32700, "error -32700 with id null for a malformed line");
        Expect(failures, parsed, 3, reply => reply.TryGetProperty("result", out _), "a get_status result after the malformed line");
    }

    private static void Expect(List<string> failures, List<JsonElement?> replies, object? id, Func<JsonElement, bool> check, string what)
    {
        var reply = replies.FirstOrDefault(candidate => candidate is { } element && IdEquals(element, id));
        if (reply is not { } found || !check(found))
        {
            failures.Add($"expected {what} (id {id ?? "null"}), got {(reply is { } r ? r.GetRawText() : "no reply with that id")}");
        }
    }

    private static bool IdEquals(JsonElement reply, object? id) =>
        reply.TryGetProperty("id", out var value) && id switch
        {
            null => value.ValueKind == JsonValueKind.Null,
            string text => value.ValueKind == JsonValueKind.String && value.GetString() == text,
            int number => value.ValueKind == JsonValueKind.Number && value.GetInt32() == number,
            _ => false,
        };

    private static int? ErrorCode(JsonElement reply) =>
        reply.TryGetProperty("error", out var error) && error.TryGetProperty("code", out var code) ? code.GetInt32() : null;

    private static JsonElement? Parse(string? line)
    {
        if (line is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
