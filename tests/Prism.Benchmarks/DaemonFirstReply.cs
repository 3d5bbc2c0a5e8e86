using System.Diagnostics;
using System.Text.Json;

namespace Prism.Benchmarks;

/// <summary>One daemon run: spawn, send <c>get_status</c>, stop the clock at the line that answers it.</summary>
internal static class DaemonFirstReply
{
    private const string Request = """{"method":"get_status","params":{},"id":"bench"}""";

    public static double Measure(Subject daemon)
    {
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(daemon.StartInfo()) ?? throw new InvalidOperationException($"Could not start {daemon.FileName}.");
        process.StandardInput.WriteLine(Request);
        process.StandardInput.Flush();
        while (process.StandardOutput.ReadLine() is { } line)
        {
            if (IsReplyToRequest(line))
            {
                var elapsed = clock.Elapsed.TotalMilliseconds;
                ColdStart.EndByStdinEof(process, daemon);
                return elapsed;
            }
        }

        throw new InvalidOperationException($"{daemon.Label} ({daemon.FileName}) closed stdout without answering get_status.");
    }

    /// <summary>True for the reply to our request; parsed, since JSON writers differ in spacing.</summary>
    private static bool IsReplyToRequest(string line)
    {
        using var message = JsonDocument.Parse(line);
        return message.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.ValueEquals("bench");
    }
}
