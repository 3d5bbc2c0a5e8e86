using System.Diagnostics;
using System.Text.Json;

namespace Prism.Benchmarks;

/// <summary>
/// Times spawn → first <c>get_status</c> reply for one command, over fresh processes. Reads block on purpose:
/// async pipe reads add thread-pool hops that would be measured as the daemon's start-up.
/// </summary>
internal static class ColdStart
{
    private const string Request = """{"method":"get_status","params":{},"id":"bench"}""";

    /// <summary>Milliseconds of each run, after one unmeasured run that brings the file into the page cache.</summary>
    public static IReadOnlyList<double> Measure(string fileName, IReadOnlyList<string> arguments, int runs)
    {
        MeasureOnce(fileName, arguments);
        return [.. Enumerable.Range(0, runs).Select(_ => MeasureOnce(fileName, arguments))];
    }

    private static double MeasureOnce(string fileName, IReadOnlyList<string> arguments)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["PRISM_DATA_DIR"] = Path.Combine(Path.GetTempPath(), "prism-benchmark");
        startInfo.Environment["PRISM_LOG_LEVEL"] = "Warning";

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        process.StandardInput.WriteLine(Request);
        process.StandardInput.Flush();
        while (process.StandardOutput.ReadLine() is { } line)
        {
            if (IsReplyToRequest(line))
            {
                var elapsed = clock.Elapsed.TotalMilliseconds;
                process.StandardInput.Close();
                if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
                {
                    process.Kill();
                    throw new InvalidOperationException($"{fileName} did not exit within 30 s after its stdin closed.");
                }

                return process.ExitCode == 0
                    ? elapsed
                    : throw new InvalidOperationException($"{fileName} exited with {process.ExitCode} after answering.");
            }
        }

        throw new InvalidOperationException($"{fileName} closed stdout without answering get_status.");
    }

    /// <summary>True for the reply to our request; parsed, since JSON writers differ in spacing.</summary>
    private static bool IsReplyToRequest(string line)
    {
        using var message = JsonDocument.Parse(line);
        return message.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.ValueEquals("bench");
    }
}
