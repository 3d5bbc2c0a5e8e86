using System.Diagnostics;

namespace Prism.Pipeline.Tests.Engine;

/// <summary>The real <c>build.sh</c>, run as people run it.</summary>
public sealed class BootstrapperTests
{
    private static (int ExitCode, string Output) RunBuildSh(params string[] args)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "build.sh is for bash; build.ps1 covers Windows.");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        start.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, "build.sh"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), "build.sh did not finish within 3 minutes");
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    [Fact]
    public void Help_lists_the_targets_and_exits_0_from_any_folder()
    {
        var (exitCode, output) = RunBuildSh("--help", "--no-logo");

        Assert.Equal(0, exitCode);
        Assert.Contains("Targets:", output, StringComparison.Ordinal);
        Assert.Contains("Compile", output, StringComparison.Ordinal);
        Assert.Contains("--configuration", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_target_exits_2_with_the_available_ones()
    {
        var (exitCode, output) = RunBuildSh("no-such-target");

        Assert.Equal(2, exitCode);
        Assert.Contains("Target 'no-such-target' does not exist. Available targets are:", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Arguments_with_spaces_reach_the_build_unchanged()
    {
        var (exitCode, output) = RunBuildSh("--plan", "--configuration", "Release Candidate");

        Assert.Equal(2, exitCode);
        Assert.Contains("gave 'Release Candidate'", output, StringComparison.Ordinal);
    }
}
