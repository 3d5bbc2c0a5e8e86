using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Sinks.SystemConsole.Themes;

namespace Prism.Host.Hosting;

/// <summary>Serilog for the host: plain timestamped lines on stderr only (stdout carries the ready line alone).</summary>
internal static class HostLogging
{
    public const string LevelVariable = "PRISM_LOG_LEVEL";

    private const string Template = "{Timestamp:yyyy-MM-dd'T'HH:mm:ss.fffzzz} [{Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    public static Logger Create()
    {
        var (level, problem) = ReadLevel();
        var log = new LoggerConfiguration()
            .MinimumLevel.Is(level)
            .Enrich.WithProperty("SourceContext", "prism")
            // ASP.NET Core's per-request lines add noise, not insight, at Information.
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .WriteTo.Console(outputTemplate: Template, standardErrorFromLevel: LogEventLevel.Verbose, theme: ConsoleTheme.None)
            .CreateLogger();
        if (problem is not null)
        {
            log.Warning("{Problem}", problem);
        }

        return log;
    }

    private static (LogEventLevel Level, string? Problem) ReadLevel()
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
}
