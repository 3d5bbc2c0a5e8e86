using Prism.Pipeline.Engine;
using Prism.Pipeline.LockFiles;
using Prism.Pipeline.Tools;

/// <summary>
/// The recipe. What a run does, in order (what <c>--plan</c> prints; RecipeTests keeps the two the same):
/// <code>
///   ./build.sh                    Publish → Stage → StageUniversal → PatchTauriConfig → Verify → Smoke
///   ./build.sh Pack               Publish → Stage → StageUniversal → PatchTauriConfig → Verify → Pack
///   ./build.sh Test               Restore → Compile → Test
/// </code>
/// Each sidecar is published per runtime, copied under its Rust triple into src-tauri/binaries with a record of what it
/// is (and made universal for macOS), listed in the Tauri config, checked, then run (Smoke) or packed for a release
/// (Pack). Which sidecars and runtimes is the selection, resolved once from the parameters (Build.Sidecars.cs).
/// Every target, and the file where it lives beside its body:
/// <code>
///   Clean               Build.cs                    basics: artifacts/, bin/ and obj/ deleted
///   Restore             Build.cs                    basics: NuGet packages as the lock files say
///   Compile             Build.cs                    basics: every project, warnings are errors
///   Publish             Build.Publish.cs
///   Stage               Build.Publish.cs
///   StageUniversal      Build.Publish.cs
///   PatchTauriConfig    Build.PatchTauriConfig.cs
///   Verify              Build.Verify.cs
///   Smoke               Build.Smoke.cs              the default
///   Pack                Build.Pack.cs               after Verify: the release
///   Test                Build.Test.cs               apart: the test projects, against published sidecars too
///   Benchmark           Build.Benchmark.cs          apart: size and start-up time
///   RecordToolchain     Build.Toolchain.cs          apart: what a rebuild must match
///   CheckReproducible   Build.Reproducible.cs       apart: two clean clones, the same bytes
///   VerifyRelease       Build.VerifyRelease.cs      apart: a downloaded release checked (and rebuilt)
///   VerifyBundle        Build.VerifyBundle.cs       apart: the bundles `tauri build` made
///   UpdateLockFiles     Build.LockFiles.cs          apart: after a deliberate change of packages
///   NewSigningKey       Build.Pack.cs               apart: a minisign key pair for release signatures
/// </code>
/// </summary>
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
