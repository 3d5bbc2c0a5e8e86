using System.Diagnostics;

namespace Prism.Pipeline.Tests.Engine;

/// <summary>The real bootstrapper, run as people run it: <c>build.sh</c> with bash, or <c>build.ps1</c> with PowerShell 7 on Windows.</summary>
public sealed class BootstrapperTests
{
    private static (int ExitCode, string Output) RunBootstrapper(params string[] args)
    {
        var start = new ProcessStartInfo(Shell()) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        if (OperatingSystem.IsWindows())
        {
            start.ArgumentList.Add("-NoProfile");
            start.ArgumentList.Add("-File");
        }

        start.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, OperatingSystem.IsWindows() ? "build.ps1" : "build.sh"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), "the bootstrapper did not finish within 3 minutes");
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>bash; on Windows pwsh, since the bash on PATH there may be WSL's, which cannot run this checkout's dotnet.</summary>
    private static string Shell()
    {
        if (!OperatingSystem.IsWindows())
        {
            return "bash";
        }

        var pwsh = Prism.Pipeline.Sidecars.ExecutableSearch.Find("pwsh");
        Assert.SkipWhen(pwsh is null, "build.ps1 needs PowerShell 7 (pwsh) on PATH.");
        return pwsh!;
    }

    [Fact]
    public void Help_lists_the_targets_and_exits_0_from_any_folder()
    {
        var (exitCode, output) = RunBootstrapper("--help", "--no-logo");

        Assert.Equal(0, exitCode);
        Assert.Contains("Targets:", output, StringComparison.Ordinal);
        Assert.Contains("Compile", output, StringComparison.Ordinal);
        Assert.Contains("--configuration", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_target_exits_2_with_the_available_ones()
    {
        var (exitCode, output) = RunBootstrapper("no-such-target");

        Assert.Equal(2, exitCode);
        Assert.Contains("Target 'no-such-target' does not exist. Available targets are:", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Arguments_with_spaces_reach_the_build_unchanged()
    {
        var (exitCode, output) = RunBootstrapper("--plan", "--configuration", "Release Candidate");

        Assert.Equal(2, exitCode);
        Assert.Contains("gave 'Release Candidate'", output, StringComparison.Ordinal);
    }
}
