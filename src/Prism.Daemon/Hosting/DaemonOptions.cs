using Prism.Daemon.Upstream;
using Serilog.Events;

namespace Prism.Daemon.Hosting;

/// <summary>
/// The daemon's settings from its environment (the contract's configuration section).
/// <see cref="Problems"/> lists settings that were ignored, to be logged once logging exists; <see cref="Refusals"/>
/// those the daemon will not run with (it logs them and exits).
/// </summary>
internal sealed record DaemonOptions(string DataDirectory, LogEventLevel LogLevel, TradeRepublicSettings TradeRepublic, IReadOnlyList<string> Problems, IReadOnlyList<string> Refusals)
{
    public const string DataDirectoryVariable = "PRISM_DATA_DIR";
    public const string LogLevelVariable = SidecarLogging.LevelVariable;

    public static DaemonOptions FromEnvironment()
    {
        var problems = new List<string>();
        var refusals = new List<string>();
        return new DaemonOptions(
            ReadDataDirectory(),
            ReadLogLevel(problems),
            TradeRepublicSettings.FromEnvironment(problems, refusals),
            problems,
            refusals);
    }

    private static string ReadDataDirectory() =>
        Environment.GetEnvironmentVariable(DataDirectoryVariable) is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.DoNotVerify), "prism");

    private static LogEventLevel ReadLogLevel(List<string> problems)
    {
        var (level, problem) = SidecarLogging.ReadLevel();
        if (problem is not null)
        {
            problems.Add(problem);
        }

        return level;
    }
}
