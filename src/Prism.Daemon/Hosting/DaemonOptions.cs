using Prism.Daemon.Upstream;
using Serilog.Events;

namespace Prism.Daemon.Hosting;

/// <summary>
/// The daemon's settings from its environment (the contract's configuration section).
/// <see cref="Problems"/> lists settings that were ignored, to be logged once logging exists; <see cref="Refusals"/>
/// those the daemon will not run with (it logs them and exits).
/// <see cref="RoamingDataDirectory"/> is where earlier versions kept the data on Windows when PRISM_DATA_DIR is unset
/// (the roaming <c>%APPDATA%\prism</c>), to be moved to the default folder once; null elsewhere.
/// </summary>
internal sealed record DaemonOptions(string DataDirectory, LogEventLevel LogLevel, TradeRepublicSettings TradeRepublic, IReadOnlyList<string> Problems, IReadOnlyList<string> Refusals)
{
    public string? RoamingDataDirectory { get; init; }

    public const string LogLevelVariable = SidecarLogging.LevelVariable;

    public static DaemonOptions FromEnvironment()
    {
        var problems = new List<string>();
        var configured = Environment.GetEnvironmentVariable(Storage.DataDirectory.Variable) is { Length: > 0 } value ? Path.GetFullPath(value) : null;
        var refusals = new List<string>();
        return new DaemonOptions(
            configured ?? DefaultDataDirectory(),
            ReadLogLevel(problems),
            TradeRepublicSettings.FromEnvironment(problems, refusals),
            problems,
            refusals)
        {
            RoamingDataDirectory = configured is null && OperatingSystem.IsWindows() ? InFolder(Environment.SpecialFolder.ApplicationData) : null,
        };
    }

    /// <summary>
    /// Windows: the local, non-roaming <c>%LOCALAPPDATA%\prism</c> (session cookies must not travel with a roaming
    /// profile). Elsewhere .NET's per-user application data folder (<c>$XDG_CONFIG_HOME</c> or <c>~/.config</c>, on
    /// macOS too) + <c>prism</c>, as before.
    /// </summary>
    private static string DefaultDataDirectory() =>
        InFolder(OperatingSystem.IsWindows() ? Environment.SpecialFolder.LocalApplicationData : Environment.SpecialFolder.ApplicationData);

    private static string InFolder(Environment.SpecialFolder folder) =>
        Path.Combine(Environment.GetFolderPath(folder, Environment.SpecialFolderOption.DoNotVerify), "prism");

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
