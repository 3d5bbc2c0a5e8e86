using Prism.Pipeline.Engine;
using Prism.Platform;

namespace Prism.Pipeline.Sidecars.Publishing;

/// <summary>Decides, for each sidecar × runtime, how it is published and where to.</summary>
internal static class PublishPlanner
{
    /// <summary>Every sidecar × runtime; fails before anything runs when a sidecar's project is missing or AOT is impossible.</summary>
    public static IReadOnlyList<PublishRequest> Plan(IEnumerable<Sidecar> sidecars, IEnumerable<RuntimeTarget> runtimes,
        PublishModeChoice choice, AotToolchain toolchain, AbsolutePath root, AbsolutePath publishRoot)
    {
        var runtimeList = runtimes.ToList();
        return sidecars.SelectMany(sidecar =>
        {
            var project = root / sidecar.Project;
            if (!project.FileExists)
            {
                throw BuildException.Failure($"Sidecar '{sidecar.Name}' is declared in build/Build.Sidecars.cs but its project " +
                    $"{sidecar.Project} does not exist. Create the project, or remove the sidecar's line.");
            }

            return runtimeList.Select(runtime =>
            {
                var mode = Mode(choice, runtime, toolchain);
                return new PublishRequest(sidecar, runtime, mode, project, publishRoot / sidecar.Name / runtime.Rid,
                    mode == PublishMode.NativeAot ? toolchain.PublishProperties(runtime) : []);
            });
        }).ToList();
    }

    private static PublishMode Mode(PublishModeChoice choice, RuntimeTarget runtime, AotToolchain toolchain) => choice switch
    {
        PublishModeChoice.SingleFile => PublishMode.SingleFile,
        PublishModeChoice.Aot when toolchain.CanCompile(runtime) => PublishMode.NativeAot,
        PublishModeChoice.Aot => throw BuildException.Failure(toolchain.WhyNot(runtime)),
        _ => toolchain.CanCompile(runtime) ? PublishMode.NativeAot : PublishMode.SingleFile,
    };
}
