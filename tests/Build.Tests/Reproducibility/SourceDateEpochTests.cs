using System.Diagnostics;
using Prism.Pipeline.Engine;
using Prism.Pipeline.Reproducibility;
using Prism.Pipeline.Tools;

namespace Prism.Pipeline.Tests.Reproducibility;

/// <summary>The time Pack's archives carry: SOURCE_DATE_EPOCH when set, else the commit time git reports for a real commit.</summary>
public sealed class SourceDateEpochTests : IDisposable
{
    private static readonly ToolRunner Tools = new(Serilog.Core.Logger.None, CancellationToken.None);
    private readonly TemporaryFolder repository = new();

    public void Dispose() => repository.Dispose();

    /// <summary>A git repository with one commit made at <paramref name="committed"/> (the committer date git records).</summary>
    private void Commit(DateTimeOffset committed)
    {
        repository.Write("README.md", "a commit\n");
        Git("init", "--quiet");
        Git("add", "README.md");
        Git("-c", "user.name=Test", "-c", "user.email=test@example.invalid", "commit", "--quiet", "-m", "one commit");

        void Git(params string[] arguments)
        {
            var start = new ProcessStartInfo("git") { WorkingDirectory = repository.Path, RedirectStandardError = true };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["GIT_COMMITTER_DATE"] = committed.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
            start.Environment["GIT_AUTHOR_DATE"] = "2001-01-01T00:00:00+00:00";
            using var git = Process.Start(start)!;
            var error = git.StandardError.ReadToEnd();
            git.WaitForExit();
            Assert.True(git.ExitCode == 0, $"git {string.Join(' ', arguments)}: {error}");
        }
    }

    [Fact]
    public async Task Without_the_variable_the_time_is_the_commit_time_of_head_not_the_author_time()
    {
        Assert.SkipWhen(ExecutableSearch.Find("git") is null, "git is not installed.");
        var committed = new DateTimeOffset(2026, 5, 17, 21, 3, 44, TimeSpan.FromHours(2));
        Commit(committed);

        var time = await SourceDateEpoch.ResolveAsync(new Dictionary<string, string>(), Tools, repository.Path);

        Assert.Equal(committed, time);
    }

    [Fact]
    public async Task The_variable_wins_over_the_commit()
    {
        Assert.SkipWhen(ExecutableSearch.Find("git") is null, "git is not installed.");
        Commit(new DateTimeOffset(2026, 5, 17, 21, 3, 44, TimeSpan.Zero));

        var time = await SourceDateEpoch.ResolveAsync(new Dictionary<string, string> { [SourceDateEpoch.Variable] = "1700000000" }, Tools, repository.Path);

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), time);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("-5")]
    [InlineData("1700000000.5")]
    public async Task A_value_that_is_not_whole_seconds_fails_saying_what_it_must_be(string value)
    {
        var failure = await Assert.ThrowsAsync<BuildException>(() =>
            SourceDateEpoch.ResolveAsync(new Dictionary<string, string> { [SourceDateEpoch.Variable] = value }, Tools, repository.Path));

        Assert.Contains($"SOURCE_DATE_EPOCH='{value}' is not a time: it must be a whole number of seconds since 1970-01-01 UTC", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_without_a_commit_and_no_variable_fails_naming_both_ways_out()
    {
        var failure = await Assert.ThrowsAsync<BuildException>(() => SourceDateEpoch.ResolveAsync(new Dictionary<string, string>(), Tools, repository.Path));

        Assert.Contains("Build from a git clone, or set SOURCE_DATE_EPOCH", failure.Message, StringComparison.Ordinal);
    }
}
