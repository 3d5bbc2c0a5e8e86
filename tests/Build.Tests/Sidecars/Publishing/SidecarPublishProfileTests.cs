using System.Diagnostics;
using Prism.Pipeline.Sidecars.Publishing;

namespace Prism.Pipeline.Tests.Sidecars.Publishing;

/// <summary>
/// What src/Sidecar.props makes of a single-file publish, as MSBuild evaluates the real sidecar projects with the
/// properties the Publisher passes: compressed ReadyToRun everywhere but osx-arm64, where compression crashed processes
/// that start children (dotnet/runtime#123324) and ReadyToRun uncompressed would not fit the budget.
/// </summary>
public class SidecarPublishProfileTests
{
    [Theory]
    [InlineData("src/Prism.Host/Prism.Host.csproj", "osx-arm64", "false", "false")]
    [InlineData("src/Prism.Daemon/Prism.Daemon.csproj", "osx-arm64", "false", "false")]
    [InlineData("src/Prism.Host/Prism.Host.csproj", "osx-x64", "true", "true")]
    [InlineData("src/Prism.Daemon/Prism.Daemon.csproj", "linux-arm64", "true", "true")]
    public void Single_files_are_compressed_ready_to_run_except_on_osx_arm64(string project, string rid, string compressed, string readyToRun)
    {
        var properties = Evaluate(project, rid, "EnableCompressionInSingleFile", "PublishReadyToRun");

        Assert.Equal([compressed, readyToRun], properties);
    }

    /// <summary>The values of <paramref name="names"/> after evaluating the project as a trimmed single-file publish.</summary>
    private static string[] Evaluate(string project, string rid, params string[] names)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryPaths.Root };
        foreach (var argument in new[] { "msbuild", project, "-nologo", $"-p:RuntimeIdentifier={rid}", "-p:PublishAot=false", "-p:PublishSingleFile=true",
                     "-p:PublishTrimmed=true", "-p:SelfContained=true", "-p:Configuration=Release", $"-getProperty:{string.Join(',', names)}" })
        {
            start.ArgumentList.Add(argument);
        }

        var result = ProcessRunner.Run(start, TimeSpan.FromMinutes(3));
        Assert.True(result.ExitCode == 0, $"dotnet msbuild failed: {result}");
        using var json = System.Text.Json.JsonDocument.Parse(result.Stdout);
        return [.. names.Select(name => json.RootElement.GetProperty("Properties").GetProperty(name).GetString()!)];
    }
}
