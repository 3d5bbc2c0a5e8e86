using Prism.Daemon.Session;
using Serilog.Events;

namespace Prism.Daemon.Hosting;

/// <summary>
/// The daemon's settings from its environment (the contract's configuration section).
/// <see cref="Problems"/> lists settings that were ignored, to be logged once logging exists.
/// </summary>
internal sealed record DaemonOptions(string DataDirectory, LogEventLevel LogLevel, TradeRepublicSettings TradeRepublic, IReadOnlyList<string> Problems)
{
    public const string DataDirectoryVariable = "PRISM_DATA_DIR";
    public const string LogLevelVariable = "PRISM_LOG_LEVEL";

    public static DaemonOptions FromEnvironment()
    {
        var problems = new List<string>();
        return new DaemonOptions(
            ReadDataDirectory(),
            ReadLogLevel(problems),
            TradeRepublicSettings.FromEnvironment(problems),
            problems);
    }

    private static string ReadDataDirectory() =>
        Environment.GetEnvironmentVariable(DataDirectoryVariable) is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.DoNotVerify), "prism");

    private static LogEventLevel ReadLogLevel(List<string> problems)
    {
        var configured = Environment.GetEnvironmentVariable(LogLevelVariable);
        if (string.IsNullOrEmpty(configured))
        {
            return LogEventLevel.Information;
        }

        if (Enum.TryParse<LogEventLevel>(configured, ignoreCase: true, out var level) && Enum.IsDefined(level))
        {
            return level;
        }

        problems.Add($"{LogLevelVariable}='{configured}' is not a log level; using Information. Valid: {string.Join(", ", Enum.GetNames<LogEventLevel>())}.");
        return LogEventLevel.Information;
    }
}
