using Prism.Pipeline.Engine;
using Prism.Pipeline.LockFiles;
using Prism.Pipeline.Tools;

namespace Prism.Pipeline.Tests.LockFiles;

/// <summary>The build's locked restore against a real project and NuGet, and the repository's own lock files.</summary>
public sealed class LockedRestoreTests
{
    [Fact]
    public async Task A_lock_file_that_disagrees_with_its_project_fails_naming_the_command_that_updates_the_lock_files()
    {
        using var folder = new TemporaryFolder();
        // A project without packages whose lock file still pins one: NuGet refuses before it asks any feed.
        folder.Write("global.json", File.ReadAllText(Path.Combine(RepositoryPaths.Root, "global.json")));
        var project = folder.Write("Tool/Tool.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <RestorePackagesWithLockFile>true</RestorePackagesWithLockFile>
              </PropertyGroup>
            </Project>
            """);
        folder.Write("Tool/packages.lock.json", """
            {
              "version": 2,
              "dependencies": {
                "net10.0": {
                  "Serilog": { "type": "Direct", "requested": "[4.3.0, )", "resolved": "4.3.0", "contentHash": "+cDryFR0GRhsGOnZSKwaDzRRl4MupvJ42FhCE4zhQRVanX0Jpg6WuCBk59OVhVDPmab1bB+nRykAnykYELA9qQ==" }
                }
              }
            }
            """);

        var failure = await Assert.ThrowsAsync<BuildException>(() => LockedRestore.DotNetAsync(
            new ToolRunner(Serilog.Core.Logger.None, CancellationToken.None), ["restore", project, LockedRestore.Property], folder.Path));

        Assert.StartsWith("The NuGet lock files disagree with the projects (NuGet's NU1004)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("run `./build.sh UpdateLockFiles`, review the changed lock files and commit them", failure.Message, StringComparison.Ordinal);
        Assert.Contains("  - ", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Tool.csproj : error NU1004", failure.Message, StringComparison.Ordinal);
        Assert.Equal(BuildException.FailureExitCode, failure.ExitCode);
    }

    [Fact]
    public void Every_project_of_the_solution_has_its_lock_file()
    {
        var solution = Path.Combine(RepositoryPaths.Root, "prism.slnx");
        var projects = ProjectLockFiles.SolutionProjects(solution);

        // Every project the solution names, counted from its text rather than by the reader under test.
        Assert.Equal(System.Text.RegularExpressions.Regex.Count(File.ReadAllText(solution), @"Path=""[^""]+\.csproj"""), projects.Count);
        Assert.True(projects.Count >= 15, $"the solution reader found only {projects.Count} projects");
        Assert.Empty(ProjectLockFiles.Missing(projects));
    }

    [Theory]
    [InlineData("src/Prism.Daemon/Prism.Daemon.csproj", "linux-x64")]
    [InlineData("src/Prism.Daemon/Prism.Daemon.csproj", "linux-arm64")]
    [InlineData("src/Prism.Host/Prism.Host.csproj", "win-x64")]
    public void A_sidecar_has_an_aot_lock_file_beside_it_and_each_project_it_references(string sidecar, string rid)
    {
        var project = Path.Combine(RepositoryPaths.Root, sidecar);

        var lockFiles = ProjectLockFiles.ForAot(project, rid);

        Assert.Contains(Path.Combine(Path.GetDirectoryName(project)!, $"packages.aot.{rid}.lock.json"), lockFiles);
        Assert.Contains(Path.Combine(RepositoryPaths.Root, "src", "Prism.Protocol", $"packages.aot.{rid}.lock.json"), lockFiles);
        Assert.Empty(ProjectLockFiles.MissingForAot(project, rid));
    }

    [Fact]
    public void A_runtime_without_aot_lock_files_is_reported_file_by_file()
    {
        var project = Path.Combine(RepositoryPaths.Root, "src", "Prism.Daemon", "Prism.Daemon.csproj");

        var missing = ProjectLockFiles.MissingForAot(project, "linux-musl-x64");

        Assert.Equal(
            [Path.Combine(RepositoryPaths.Root, "src", "Prism.Daemon", "packages.aot.linux-musl-x64.lock.json"),
             Path.Combine(RepositoryPaths.Root, "src", "Prism.Protocol", "packages.aot.linux-musl-x64.lock.json")],
            missing);
    }
}
