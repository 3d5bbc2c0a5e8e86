using System.Globalization;
using Prism.Pipeline.Engine;
using Prism.Pipeline.Tools;

namespace Prism.Pipeline.Reproducibility;

/// <summary>
/// The one time a build output may carry (an archive entry's modification time): the commit's, so the same commit
/// gives the same bytes on any machine, on any day. <c>SOURCE_DATE_EPOCH</c> (reproducible-builds.org: seconds since
/// 1970-01-01 UTC) when it is set — a packager building from a tarball sets it — else the commit time of HEAD
/// (<c>git log -1 --format=%ct</c>).
/// </summary>
internal static class SourceDateEpoch
{
    public const string Variable = "SOURCE_DATE_EPOCH";

    public static async Task<DateTimeOffset> ResolveAsync(IReadOnlyDictionary<string, string> environment, ToolRunner tools, string repository)
    {
        if (environment.GetValueOrDefault(Variable) is { Length: > 0 } value)
        {
            return Parse(value) ?? throw BuildException.Failure(
                $"{Variable}='{value}' is not a time: it must be a whole number of seconds since 1970-01-01 UTC (e.g. `git log -1 --format=%ct`). " +
                $"Set it so, or unset it to use the commit time of HEAD.");
        }

        var git = ExecutableSearch.Find("git");
        var (exitCode, output) = git is null ? (-1, "") : await tools.CaptureAsync(git, ["-C", repository, "log", "-1", "--format=%ct"], repository);
        return exitCode == 0 && Parse(output.Trim()) is { } commitTime
            ? commitTime
            : throw BuildException.Failure(
                $"The release's timestamps come from the commit, and {repository} gave none " +
                (git is null ? "(git is not installed). " : $"(`git log -1 --format=%ct` exited with code {exitCode}: not a git clone, or no commit yet). ") +
                $"Build from a git clone, or set {Variable} to the commit's time in seconds since 1970-01-01 UTC.");
    }

    /// <summary>Where <see cref="ResolveAsync"/> takes the time from, for a summary line.</summary>
    public static string Describe(IReadOnlyDictionary<string, string> environment) =>
        environment.GetValueOrDefault(Variable) is { Length: > 0 } ? Variable : "commit time of HEAD";

    /// <summary>The time of a <c>SOURCE_DATE_EPOCH</c> value, or null when it is not a whole, non-negative number of seconds.</summary>
    public static DateTimeOffset? Parse(string value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}
