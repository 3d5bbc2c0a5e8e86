using Prism.Pipeline.Engine;
using Prism.Pipeline.Tools;

namespace Prism.Pipeline.LockFiles;

/// <summary>
/// Every restore the build runs is in NuGet's locked mode: the packages come exactly as the committed lock files say
/// (version and content hash), and a project whose references changed without its lock file fails. NuGet's own
/// refusal (NU1004) ends in advice that would unpin the build; this turns it into the one command that updates the
/// lock files.
/// </summary>
internal static class LockedRestore
{
    /// <summary>The MSBuild property for a command that restores implicitly (build, publish, run).</summary>
    public const string Property = "-p:RestoreLockedMode=true";

    /// <summary>What remakes every lock file after a deliberate change of packages, SDK or runtimes.</summary>
    public const string UpdateCommand = "./build.sh UpdateLockFiles";

    /// <summary>NuGet's code for "the lock file disagrees with the project".</summary>
    private const string MismatchCode = "NU1004";

    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/> (which must restore in locked mode) and explains a lock-file refusal.</summary>
    public static async Task DotNetAsync(ToolRunner tools, IReadOnlyList<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var refusals = new List<string>();
        try
        {
            await tools.DotNetAsync(arguments, workingDirectory, environment, line =>
            {
                if (line.Contains(MismatchCode, StringComparison.Ordinal))
                {
                    refusals.Add(line.Trim());
                }
            });
        }
        catch (BuildException) when (refusals.Count > 0)
        {
            throw Mismatch(refusals);
        }
    }

    /// <summary>The failure for NuGet's NU1004 lines: what disagreed (one line per project, deduplicated), and the way out.</summary>
    public static BuildException Mismatch(IEnumerable<string> refusals) =>
        BuildException.Problems(
            "The NuGet lock files disagree with the projects (NuGet's NU1004): a package, its version, the SDK or a runtime " +
            $"changed without its packages*.lock.json. If that change is wanted, run `{UpdateCommand}`, review the changed " +
            "lock files and commit them; otherwise undo the change. A runtime missing from the lock files is added to " +
            "PrismLockedRuntimes in src/Directory.Build.props first. What NuGet refused:",
            refusals.Distinct(StringComparer.Ordinal));
}
