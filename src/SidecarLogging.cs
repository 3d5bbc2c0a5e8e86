using Serilog;
using Serilog.Configuration;
using Serilog.Events;
using Serilog.Sinks.SystemConsole.Themes;

namespace Prism;

/// <summary>
/// The logging both sidecars share: the level from <c>PRISM_LOG_LEVEL</c>, and plain timestamped lines on stderr
/// only — stdout belongs to the daemon's protocol and to the host's ready line. Compiled into each sidecar through
/// src/Sidecar.props.
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

    /// <summary>Every level to stderr as plain lines in <paramref name="template"/>, without colours.</summary>
    public static LoggerConfiguration Stderr(this LoggerSinkConfiguration writeTo, string template) =>
        writeTo.Console(outputTemplate: template, standardErrorFromLevel: LogEventLevel.Verbose, theme: ConsoleTheme.None);
}
