using Prism.Pipeline.Engine;
using Prism.Pipeline.Tools;

namespace Prism.Pipeline.Release.Provenance;

/// <summary>
/// The source a release is made from: the repository (as a clone URL), the commit, whether the work tree had changes
/// to tracked files, and the source time every timestamp of the release takes — <c>SOURCE_DATE_EPOCH</c> when set
/// (reproducible-builds.org), else the commit's time.
/// </summary>
internal sealed record SourceRevision(string Repository, string Commit, bool Dirty, long SourceDateEpoch)
{
    public const string SourceDateVariable = "SOURCE_DATE_EPOCH";

    public DateTimeOffset SourceTime => DateTimeOffset.FromUnixTimeSeconds(SourceDateEpoch);

    public static async Task<SourceRevision> ReadAsync(ToolRunner tools, AbsolutePath root, IReadOnlyDictionary<string, string> environment)
    {
        if (!(root / ".git").DirectoryExists && !(root / ".git").FileExists)
        {
            throw BuildException.Failure($"{root} is not a git clone: a release records the commit it was made from. Pack from a clone of the repository.");
        }

        var commit = await tools.ReadAsync("git", ["rev-parse", "HEAD"], root);
        var dirty = (await tools.ReadAsync("git", ["status", "--porcelain", "--untracked-files=no"], root)).Length > 0;
        var epoch = environment.GetValueOrDefault(SourceDateVariable) is { Length: > 0 } text
            ? long.TryParse(text, out var value) && value >= 0
                ? value
                : throw BuildException.Failure($"{SourceDateVariable} is '{text}', not a number of seconds since 1970 (e.g. `export {SourceDateVariable}=$(git log -1 --format=%ct)`).")
            : long.Parse(await tools.ReadAsync("git", ["log", "-1", "--format=%ct"], root), System.Globalization.CultureInfo.InvariantCulture);
        return new SourceRevision(await RepositoryAsync(tools, root, environment), commit, dirty, epoch);
    }

    /// <summary>On GitHub Actions the repository's https URL; elsewhere the origin remote, or this clone's folder (a file: URL) when it has none.</summary>
    private static async Task<string> RepositoryAsync(ToolRunner tools, AbsolutePath root, IReadOnlyDictionary<string, string> environment)
    {
        if (environment.GetValueOrDefault("GITHUB_SERVER_URL") is { Length: > 0 } server && environment.GetValueOrDefault("GITHUB_REPOSITORY") is { Length: > 0 } repository)
        {
            return $"{server}/{repository}";
        }

        try
        {
            return await tools.ReadAsync("git", ["remote", "get-url", "origin"], root);
        }
        catch (BuildException)
        {
            return new Uri(root).AbsoluteUri;
        }
    }
}
