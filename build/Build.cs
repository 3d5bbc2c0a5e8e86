using Prism.Pipeline.Engine;
using Prism.Pipeline.LockFiles;
using Prism.Pipeline.Tools;

/// <summary>The recipe: its parameters, paths and the basic targets; each family of targets lives beside its body in a Build.&lt;family&gt;.cs.</summary>
internal sealed partial class Build : NukeBuild
{
    public static int Main() => Execute<Build>(x => x.Smoke);

    [Parameter("Configuration for Compile and Test.")]
    readonly Configuration Configuration = Configuration.Debug;

    AbsolutePath Solution => RootDirectory / "prism.slnx";
    AbsolutePath ArtifactsDirectory => RootDirectory / "artifacts";

    /// <summary>Runs the command-line tools the targets call (dotnet, lipo), logged and cancelled with the build.</summary>
    ToolRunner ToolRunner => new(Log, CancellationToken);

    Target Clean => _ => _
        .Description("Deletes artifacts/ and the bin/ and obj/ folders under src/ and tests/.")
        .Before(Restore)
        .Executes(() => BuildOutputs.Delete(RootDirectory, ArtifactsDirectory, Log));

    Target Restore => _ => _
        .Description("Restores the NuGet packages of every project in locked mode: exactly as the committed lock files say.")
        .Executes(() =>
        {
            RequireLockFiles(ProjectLockFiles.SolutionProjects(Solution));
            return LockedRestore.DotNetAsync(ToolRunner, ["restore", Solution, LockedRestore.Property], RootDirectory);
        });

    Target Compile => _ => _
        .Description("Builds every project; warnings are errors.")
        .DependsOn(Restore)
        .Executes(() => ToolRunner.DotNetAsync(["build", Solution, "--no-restore", "-c", Configuration.ToString(), "-nologo"], RootDirectory));
}
