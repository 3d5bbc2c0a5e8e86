using Serilog;
using Serilog.Configuration;
using Serilog.Events;
using Serilog.Sinks.SystemConsole.Themes;

namespace Prism;

/// <summary>
/// The logging both sidecars share: the level from <c>PRISM_LOG_LEVEL</c>, and plain timestamped lines on stderr
/// only — stdout belongs to the daemon's protocol and to the host's ready line — written so that a stderr nobody
/// reads never blocks the sidecar. Compiled into each sidecar through src/Sidecar.props.
/// </summary>
internal static class SidecarLogging
{
    public const string LevelVariable = "PRISM_LOG_LEVEL";

    /// <summary>The level <c>PRISM_LOG_LEVEL</c> names (Information when unset); for a value that names none, Information and the problem to log.</summary>
    public static (LogEventLevel Level, string? Problem) ReadLevel()
    {
        var configured = Environment.GetEnvironmentVariable(LevelVariable);
        if (string.IsNullOrEmpty(configured))
        {
            return (LogEventLevel.Information, null);
        }

        return Enum.TryParse<LogEventLevel>(configured, ignoreCase: true, out var level) && Enum.IsDefined(level)
            ? (level, null)
            : (LogEventLevel.Information, $"{LevelVariable}='{configured}' is not a log level; using Information. Valid: {string.Join(", ", Enum.GetNames<LogEventLevel>())}.");
    }

    /// <summary>How many lines may wait for stderr; past that, new lines are dropped (and counted) until it drains.</summary>
    public const int BufferedLines = 1000;

    /// <summary>How long closing the log may wait for buffered lines to reach stderr before an exit goes on without them.</summary>
    public static readonly TimeSpan CloseLimit = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Every level to stderr as plain lines in <paramref name="template"/>, without colours, written by a background
    /// worker: logging never waits for stderr. A stderr nobody reads fills up; then lines are dropped, and the next line
    /// that gets through says how many (<see cref="DroppedLinesNotice"/>).
    /// </summary>
    public static LoggerConfiguration Stderr(this LoggerSinkConfiguration writeTo, string template)
    {
        var console = LoggerSinkConfiguration.CreateSink(sink =>
            sink.Console(outputTemplate: template, standardErrorFromLevel: LogEventLevel.Verbose, theme: ConsoleTheme.None));
        var notice = new DroppedLinesNotice(console);
        var buffered = LoggerSinkConfiguration.CreateSink(sink =>
            sink.Async(worker => worker.Sink(notice), bufferSize: BufferedLines, blockWhenFull: false, monitor: notice));
        return writeTo.Sink(new BoundedClose(buffered, CloseLimit));
    }
}
