using System.Linq.Expressions;
using Serilog;

namespace Prism.Pipeline.Engine;

/// <summary>
/// The base of a build: derive, declare <see cref="Target"/> properties and <see cref="ParameterAttribute"/> fields,
/// and call <see cref="Execute{T}"/> from <c>Main</c>.
/// </summary>
public abstract class NukeBuild
{
    private BuildExecutor? executor;

    /// <summary>The repository root: the folder that holds <c>.nuke/</c>, or <c>--root</c>.</summary>
    public AbsolutePath RootDirectory { get; private set; }

    /// <summary>Where targets write: the engine routes it to the terminal or GitHub Actions.</summary>
    public ILogger Log { get; private set; } = Serilog.Core.Logger.None;

    /// <summary>True on a CI server (GitHub Actions, or <c>CI=true</c>).</summary>
    public bool IsServerBuild { get; private set; }

    /// <summary>Cancelled by Ctrl-C, SIGTERM or SIGHUP: pass it to anything that can take long, and every tool the build runs.</summary>
    public CancellationToken CancellationToken { get; private set; }

    /// <summary>The environment the build was started with (tests pass their own).</summary>
    public IReadOnlyDictionary<string, string> EnvironmentVariables { get; private set; } = new Dictionary<string, string>();

    /// <summary>
    /// Runs the build with the process's command line. Ctrl-C, SIGTERM or SIGHUP abort it in order — every tool it
    /// started is ended with its process tree (<see cref="AbortSignals"/>) — and a second one ends it at once.
    /// </summary>
    public static int Execute<T>(Expression<Func<T, Target>> defaultTarget)
        where T : NukeBuild, new()
    {
        using var abort = new CancellationTokenSource();
        using var signals = new AbortSignals(abort);
        var context = new BuildContext(Environment.GetCommandLineArgs().Skip(1).ToList(), BuildContext.ProcessEnvironment(),
            Environment.CurrentDirectory, Console.Out, abort.Token);
        return signals.ExitCode(BuildRunner.RunAsync(new T(), TargetName(defaultTarget), context).GetAwaiter().GetResult());
    }

    /// <summary>
    /// Checks the parameters together once they are bound, before anything is planned or run: each line returned is one
    /// problem, reported with the binder's as "Invalid parameters, nothing was run" (exit code 2). A build overrides it
    /// to resolve, once, what its parameters select.
    /// </summary>
    protected internal virtual IEnumerable<string> CheckParameters() => [];

    /// <summary>Adds a line to the running target's row in the summary (e.g. a binary's size).</summary>
    protected void ReportSummary(string key, string value) =>
        executor?.Current?.Notes.Add(new(key, value));

    /// <summary>The targets this run executes (or has executed), in order: the plan less what was skipped.</summary>
    protected IReadOnlyList<string> ExecutingTargets =>
        executor?.Plan.Where(target => target.Status != TargetStatus.Skipped).Select(target => target.Name).ToList() ?? [];

    internal void Attach(BuildContext context, AbsolutePath root, ILogger log, BuildExecutor buildExecutor)
    {
        RootDirectory = root;
        Log = log;
        EnvironmentVariables = context.Environment;
        IsServerBuild = context.Environment.GetValueOrDefault("GITHUB_ACTIONS") == "true" ||
                        context.Environment.GetValueOrDefault("CI") == "true";
        CancellationToken = context.Abort;
        executor = buildExecutor;
    }

    internal static string TargetName<T>(Expression<Func<T, Target>> target) =>
        target.Body is MemberExpression member
            ? member.Member.Name
            : throw new ArgumentException("Name the default target as a property: x => x.Test", nameof(target));
}

/// <summary>Everything a run takes from outside, so tests can run a build in-process with their own.</summary>
public sealed record BuildContext(
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string> Environment,
    string CurrentDirectory,
    TextWriter Output,
    CancellationToken Abort)
{
    /// <summary>This process's environment variables as the engine takes them.</summary>
    public static IReadOnlyDictionary<string, string> ProcessEnvironment() =>
        System.Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(entry => (string)entry.Key, entry => (string?)entry.Value ?? "");
}
