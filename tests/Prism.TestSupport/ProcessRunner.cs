using System.Diagnostics;

namespace Prism.TestSupport;

/// <summary>What a process run to its end left: its exit code and everything it wrote.</summary>
public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>For a failure message: the exit code, then stdout and stderr.</summary>
    public override string ToString() => $"exit code {ExitCode}{Environment.NewLine}stdout:{Environment.NewLine}{Stdout}{Environment.NewLine}stderr:{Environment.NewLine}{Stderr}";
}

/// <summary>
/// Runs a process to its end: stdin closed at once, both pipes drained while it runs (a full pipe would stall it), and
/// the exit waited for — bounded, after which it and every process it started are killed and the test fails.
/// </summary>
public static class ProcessRunner
{
    public static async Task<ProcessResult> RunAsync(ProcessStartInfo start, TimeSpan limit, CancellationToken cancellation = default)
    {
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellation).WaitAsync(limit, cancellation);
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw new TimeoutException($"{start.FileName} {string.Join(' ', start.ArgumentList)} did not exit within {limit.TotalSeconds} s; killed. stderr:{Environment.NewLine}{await stderr}", exception);
        }

        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>For tests that are not asynchronous: <see cref="RunAsync"/>, waited for.</summary>
    public static ProcessResult Run(ProcessStartInfo start, TimeSpan limit) => RunAsync(start, limit).GetAwaiter().GetResult();
}
