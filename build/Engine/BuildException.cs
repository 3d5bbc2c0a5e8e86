namespace Prism.Pipeline.Engine;

/// <summary>
/// An expected failure: the message is for people and is printed without a stack trace. Every instance comes from a
/// factory here, which sets its exit code and, for a list of problems (<see cref="Problems"/>), its shape; the engine's
/// own errors are worded here, a target's failures by the code that finds them.
/// </summary>
public sealed class BuildException : Exception
{
    /// <summary>The definition or the invocation is wrong (unknown target, bad parameter, cycle): exit code 2.</summary>
    public const int UsageExitCode = 2;

    /// <summary>A target failed, or did not run because another failed: exit code 1.</summary>
    public const int FailureExitCode = 1;

    /// <summary>Aborted: exit code 130, as shells report SIGINT (the process's own signal handling reports 143 for SIGTERM, 129 for SIGHUP).</summary>
    public const int AbortedExitCode = 130;

    private BuildException(string message, int exitCode) : base(message) => ExitCode = exitCode;

    public int ExitCode { get; }

    /// <summary>A failure inside a target, caused by what the target found (a missing file, a failed tool).</summary>
    public static BuildException Failure(string message) => new(message, FailureExitCode);

    /// <summary>A target found several problems: a heading, then one indented line per problem, as every such list reads.</summary>
    public static BuildException Problems(string heading, IEnumerable<string> problems) => Failure(Listing(heading, problems));

    internal static BuildException Usage(string message) => new(message, UsageExitCode);

    internal static BuildException UnknownTarget(string name, IEnumerable<string> available) =>
        Usage($"Target '{name}' does not exist. Available targets are: {string.Join(", ", available)}.");

    internal static BuildException DuplicateTarget(string first, string second) =>
        Usage($"Duplicate target name: '{first}' and '{second}' are the same name on the command line " +
              "(names match case-insensitively, dashes ignored). Rename one of them.");

    internal static BuildException UndeclaredTarget(string declaringTarget) =>
        Usage($"Target '{declaringTarget}' refers to a target that is not a property of the build. " +
              "Declare it as a 'Target' property and refer to that property.");

    internal static BuildException Cycle(IEnumerable<string> cycle) =>
        Usage($"Circular dependency: {string.Join(" -> ", cycle)}. Remove one of these edges.");

    internal static BuildException MissingRequirements(IEnumerable<string> lines) =>
        Usage(Listing("Requirements not met, nothing was run:", lines));

    internal static BuildException UnknownOption(string option, IEnumerable<string> available) =>
        Usage($"Unknown option '{option}'. Available options are: {string.Join(", ", available)}. See --help.");

    internal static BuildException InvalidParameters(IEnumerable<string> lines) =>
        Usage(Listing("Invalid parameters, nothing was run:", lines));

    internal static BuildException RootNotFound(string start) =>
        Usage($"No '.nuke' folder found in '{start}' or any folder above it. " +
              "Run the build from inside the repository, or pass --root <folder>.");

    /// <summary>The one shape of a list of problems: the heading, then "  - " and one problem per line. Other errors that
    /// list problems (a Tauri config's schema violations) use it too.</summary>
    internal static string Listing(string heading, IEnumerable<string> lines) =>
        heading + Environment.NewLine + string.Join(Environment.NewLine, lines.Select(line => "  - " + line));
}
