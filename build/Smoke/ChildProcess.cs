using System.Diagnostics;
using System.Text;
using Prism.Pipeline.Emulation;

namespace Prism.Pipeline.Smoke;

/// <summary>
/// A produced binary started with piped stdin/stdout/stderr for a smoke test: lines are read with a deadline, stderr
/// is kept for the error message, and the process is killed with its tree on dispose — or at once when the build is
/// aborted — so a hung binary never outlives the build.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder stderr = new();
    private readonly Task stderrPump;
    private readonly CancellationTokenRegistration onAbort;

    private ChildProcess(Process process, CancellationToken abort)
    {
        this.process = process;
        onAbort = abort.Register(Kill);
        stderrPump = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync() is { } line)
            {
                lock (stderr)
                {
                    stderr.AppendLine(line);
                }
            }
        }, CancellationToken.None);
    }

    public Stopwatch SinceSpawn { get; } = Stopwatch.StartNew();

    public int Id => process.Id;

    /// <summary>Starts <paramref name="command"/> with its route's environment plus <paramref name="environment"/>; <paramref name="abort"/> kills it.</summary>
    public static ChildProcess Start(LaunchCommand command, IReadOnlyDictionary<string, string> environment, CancellationToken abort)
    {
        var start = new ProcessStartInfo(command.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
        };
        foreach (var argument in command.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in command.Environment.Concat(environment))
        {
            start.Environment[name] = value;
        }

        return new ChildProcess(Process.Start(start) ?? throw new InvalidOperationException($"could not start {command.FileName}"), abort);
    }

    /// <summary>Writes lines exactly as given, LF-terminated, and flushes.</summary>
    public async Task WriteLinesAsync(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            await process.StandardInput.WriteAsync(line + "\n");
        }

        await process.StandardInput.FlushAsync();
    }

    /// <summary>The next stdout line, or null at end of output or when the deadline passes.</summary>
    public async Task<string?> ReadLineAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            return await process.StandardOutput.ReadLineAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Closes stdin, as a parent that exits does.</summary>
    public void CloseInput() => process.StandardInput.Close();

    /// <summary>Waits for exit; returns the exit code, or null when it is still running after <paramref name="timeout"/>.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
            return process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>The last lines the binary wrote to stderr, for error messages.</summary>
    public string StderrTail(int lines = 10)
    {
        lock (stderr)
        {
            return string.Join(" | ", stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(lines).Select(line => line.TrimEnd()));
        }
    }

    public void Dispose()
    {
        onAbort.Dispose();
        Kill();
        stderrPump.Wait(TimeSpan.FromSeconds(2));
        process.Dispose();
    }

    private void Kill()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }
    }
}
