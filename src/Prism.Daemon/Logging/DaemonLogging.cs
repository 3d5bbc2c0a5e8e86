using Prism.Daemon.Hosting;
using Serilog;
using Serilog.Core;
using Serilog.Sinks.SystemConsole.Themes;

namespace Prism.Daemon.Logging;

/// <summary>
/// Serilog for the daemon: plain timestamped lines on stderr (stdout belongs to the protocol) and, with
/// PRISM_LOG_FILE=1, daily rolling files in &lt;data folder&gt;/logs.
/// </summary>
internal static class DaemonLogging
{
    private const string Template = "{Timestamp:yyyy-MM-dd'T'HH:mm:ss.fffzzz} [{Level:u3}] {Message:lj}{NewLine}{Exception}";

    public static Logger Create(DaemonOptions options, bool dataDirectoryUsable)
    {
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(options.LogLevel)
            .WriteTo.Console(outputTemplate: Template, standardErrorFromLevel: Serilog.Events.LogEventLevel.Verbose, theme: ConsoleTheme.None);
        if (options.LogToFile && dataDirectoryUsable)
        {
            configuration = configuration.WriteTo.File(
                Path.Combine(options.DataDirectory, "logs", "tr-daemon-.log"),
                outputTemplate: Template,
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: 7,
                fileSizeLimitBytes: 10 * 1024 * 1024,
                rollOnFileSizeLimit: true);
        }

        return configuration.CreateLogger();
    }
}
