using Prism.Pipeline.Engine;
using Prism.Pipeline.Tools;

namespace Prism.Pipeline.Release.Provenance;

/// <summary>
/// The source a release is made from: the repository (as a clone URL), the commit, whether the work tree had changes
/// to tracked files, and the source time every timestamp of the release takes (<see cref="SourceDateEpoch"/>:
/// <c>SOURCE_DATE_EPOCH</c> when set, else the commit's time).
/// </summary>
internal sealed record SourceRevision(string Repository, string Commit, bool Dirty, long SourceDateEpoch)
{
    public DateTimeOffset SourceTime => DateTimeOffset.FromUnixTimeSeconds(SourceDateEpoch);

    public static async Task<SourceRevision> ReadAsync(ToolRunner tools, AbsolutePath root, IReadOnlyDictionary<string, string> environment)
    {
        var time = await Reproducibility.SourceDateEpoch.ResolveAsync(environment, tools, root);
        var git = ExecutableSearch.Find("git") ?? throw BuildException.Failure("A release records the commit it was made from, and git is not installed. Install git.");
        var (exitCode, commit) = await tools.CaptureAsync(git, ["-C", root, "rev-parse", "HEAD"], root);
        if (exitCode != 0)
        {
            throw BuildException.Failure($"{root} is not a git clone with a commit (`git rev-parse HEAD` exited with code {exitCode}): a release records the commit it was made from. Pack from a clone of the repository.");
        }

        var (_, status) = await tools.CaptureAsync(git, ["-C", root, "status", "--porcelain", "--untracked-files=no"], root);
        return new SourceRevision(await RepositoryAsync(tools, git, root, environment), commit.Trim(), status.Trim().Length > 0, time.ToUnixTimeSeconds());
    }

    /// <summary>On GitHub Actions the repository's https URL; elsewhere the origin remote, or this clone's folder (a file: URL) when it has none.</summary>
    private static async Task<string> RepositoryAsync(ToolRunner tools, string git, AbsolutePath root, IReadOnlyDictionary<string, string> environment)
    {
        if (environment.GetValueOrDefault("GITHUB_SERVER_URL") is { Length: > 0 } server && environment.GetValueOrDefault("GITHUB_REPOSITORY") is { Length: > 0 } repository)
        {
            return $"{server}/{repository}";
        }

        var (exitCode, origin) = await tools.CaptureAsync(git, ["-C", root, "remote", "get-url", "origin"], root);
        return exitCode == 0 && origin.Trim().Length > 0 ? origin.Trim() : new Uri(root).AbsoluteUri;
    }
}
