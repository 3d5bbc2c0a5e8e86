using System.Diagnostics;

namespace Prism.Benchmarks;

/// <summary>Times spawn → first <c>get_status</c> reply for one command, over fresh processes.</summary>
internal static class ColdStart
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private const string Request = """{"method":"get_status","params":{},"id":"bench"}""";

    /// <summary>Milliseconds of each run, after one unmeasured run that brings the file into the page cache.</summary>
    public static async Task<IReadOnlyList<double>> MeasureAsync(string fileName, IReadOnlyList<string> arguments, int runs)
    {
        await MeasureOnceAsync(fileName, arguments);
        var samples = new List<double>(runs);
        for (var run = 0; run < runs; run++)
        {
            samples.Add(await MeasureOnceAsync(fileName, arguments));
        }

        return samples;
    }

    private static async Task<double> MeasureOnceAsync(string fileName, IReadOnlyList<string> arguments)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["PRISM_DATA_DIR"] = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "prism-benchmark");
        startInfo.Environment["PRISM_LOG_LEVEL"] = "Warning";

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        await process.StandardInput.WriteLineAsync(Request);
        await process.StandardInput.FlushAsync();
        while (await process.StandardOutput.ReadLineAsync().WaitAsync(Patience) is { } line)
        {
            if (line.Contains("\"id\":\"bench\"", StringComparison.Ordinal))
            {
                var elapsed = clock.Elapsed.TotalMilliseconds;
                process.StandardInput.Close();
                await process.WaitForExitAsync().WaitAsync(Patience);
                return process.ExitCode == 0
                    ? elapsed
                    : throw new InvalidOperationException($"{fileName} exited with {process.ExitCode} after answering.");
            }
        }

        throw new InvalidOperationException($"{fileName} closed stdout without answering get_status.");
    }
}
