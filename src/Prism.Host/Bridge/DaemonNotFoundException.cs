namespace Prism.Host.Bridge;

/// <summary>tr-daemon exists in none of the places the contract lists, or the one found was refused (others may change it); the message names every path tried and how to fix it.</summary>
internal sealed class DaemonNotFoundException : Exception
{
    public DaemonNotFoundException()
    {
    }

    public DaemonNotFoundException(string message)
        : base(message)
    {
    }

    public DaemonNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    private DaemonNotFoundException(IReadOnlyList<TriedPath> tried, string howToFix, string heading = "tr-daemon was not found")
        : base(Describe(tried, heading, howToFix)) => Tried = tried;

    public IReadOnlyList<TriedPath> Tried { get; } = [];

    /// <summary>No rule found a daemon.</summary>
    public static DaemonNotFoundException NoneFound(IReadOnlyList<TriedPath> tried) => new(
        tried,
        "Build it with `./build.sh Stage` (publishes tr-daemon and stages it into src-tauri/binaries) or "
        + $"`dotnet build src/Prism.Daemon`, or set {LocatorFacts.OverrideVariable} to a tr-daemon executable.");

    /// <summary><c>PRISM_DAEMON_PATH</c> names a file that is not there: an explicit choice is never replaced by a guess.</summary>
    public static DaemonNotFoundException OverrideMissing(TriedPath tried) => new(
        [tried],
        $"Point {LocatorFacts.OverrideVariable} at an existing tr-daemon executable (or tr-daemon.dll), or unset it to let prism search.");

    /// <summary>A daemon was found but others may change it: not run, and no other candidate is tried in its place.</summary>
    public static DaemonNotFoundException Refused(IReadOnlyList<TriedPath> tried) => new(
        tried,
        "Make the file and its folder writable by their owner only (the command above), then try again.",
        "tr-daemon was found but not run, because other users may change it");

    private static string Describe(IReadOnlyList<TriedPath> tried, string heading, string howToFix) =>
        heading + ". Tried, in order:"
        + string.Concat(tried.Select(path => $"{Environment.NewLine}  - {path}"))
        + Environment.NewLine + howToFix;
}
