using Serilog;
using Serilog.Events;

namespace Prism.Host.Bridge;

/// <summary>
/// Forwards each line the daemon writes on stderr into the host's log (at the level the daemon's own line
/// shows) and keeps the last lines, so that an error about a daemon that failed to start can quote them.
/// </summary>
internal sealed class DaemonStderr
{
    private const int TailLines = 20;

    private readonly Queue<string> tail = new();
    private readonly ILogger log;

    public DaemonStderr(ILogger log) => this.log = log;

    /// <summary>Reads <paramref name="stderr"/> to its end; completes when the daemon closed it (exited).</summary>
    public async Task ForwardAsync(StreamReader stderr)
    {
        while (await stderr.ReadLineAsync() is { } line)
        {
            lock (tail)
            {
                if (tail.Count == TailLines)
                {
                    tail.Dequeue();
                }

                tail.Enqueue(line);
            }

            log.Write(LevelOf(line), "{DaemonLine}", line);
        }
    }

    /// <summary>The last lines, oldest first, or a note that there were none.</summary>
    public string Tail()
    {
        lock (tail)
        {
            return tail.Count == 0 ? "(tr-daemon wrote nothing on stderr)" : string.Join(Environment.NewLine, tail);
        }
    }

    /// <summary>The daemon writes Serilog's "[WRN]"-style levels; anything else is informational.</summary>
    private static LogEventLevel LevelOf(string line) =>
        line.Contains(" [FTL] ", StringComparison.Ordinal) ? LogEventLevel.Fatal
        : line.Contains(" [ERR] ", StringComparison.Ordinal) ? LogEventLevel.Error
        : line.Contains(" [WRN] ", StringComparison.Ordinal) ? LogEventLevel.Warning
        : line.Contains(" [DBG] ", StringComparison.Ordinal) || line.Contains(" [VRB] ", StringComparison.Ordinal) ? LogEventLevel.Debug
        : LogEventLevel.Information;
}
