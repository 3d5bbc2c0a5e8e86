using Prism.Pipeline.Engine;
using Prism.Pipeline.Tools;

namespace Prism.Pipeline.Reproducibility;

/// <summary>The repository as git has it: the commit a check builds, what is not committed, and fresh clones of that commit.</summary>
internal sealed class CleanClone(ToolRunner tools, string repository)
{
    private readonly string git = ExecutableSearch.Find("git") ?? throw BuildException.Failure(
        "Checking that two clean clones build the same bytes needs git (to clone the commit): install git, e.g. `sudo apt-get install git`.");

    /// <summary>The commit HEAD names.</summary>
    public async Task<string> HeadAsync()
    {
        var (exitCode, output) = await tools.CaptureAsync(git, ["-C", repository, "rev-parse", "--verify", "HEAD"], repository);
        return exitCode == 0 && output.Trim() is { Length: 40 } commit
            ? commit
            : throw BuildException.Failure($"{repository} has no commit git can name (`git rev-parse HEAD` exited with code {exitCode}): " +
                "the check builds clean clones of a commit, so run it in a git clone with at least one commit.");
    }

    /// <summary>What `git status --porcelain` lists: changes and untracked files the clones will not have.</summary>
    public async Task<IReadOnlyList<string>> UncommittedAsync()
    {
        var (_, output) = await tools.CaptureAsync(git, ["-C", repository, "status", "--porcelain", "--untracked-files=normal"], repository);
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd())];
    }

    /// <summary>Clones the repository into <paramref name="folder"/> (which must not exist) and checks out <paramref name="commit"/>, detached.</summary>
    public async Task CloneAsync(string commit, string folder)
    {
        // No hard links to this repository's objects: the clone is what a new user gets, sharing nothing but the commit.
        await tools.RunAsync(git, ["clone", "--quiet", "--no-hardlinks", "--no-checkout", repository, folder], repository);
        await tools.RunAsync(git, ["-C", folder, "checkout", "--quiet", "--detach", commit], folder);
    }
}
