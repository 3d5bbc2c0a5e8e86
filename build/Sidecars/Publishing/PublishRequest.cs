using Prism.Pipeline.Engine;
using Prism.Platform;

namespace Prism.Pipeline.Sidecars.Publishing;

/// <summary>One publish: a sidecar for one runtime in one mode, into its own folder, with the extra MSBuild properties
/// its toolchain needs (e.g. lld for a cross-architecture Linux AOT link).</summary>
internal sealed record PublishRequest(Sidecar Sidecar, RuntimeTarget Runtime, PublishMode Mode, AbsolutePath Project, AbsolutePath OutputDirectory,
    IReadOnlyList<string> ToolchainProperties)
{
    /// <summary>The executable <c>dotnet publish</c> produces: the project's assembly name, plus <c>.exe</c> on Windows.</summary>
    public AbsolutePath Executable => OutputDirectory / (Sidecar.Name + (Runtime.Os == TargetOs.Windows ? ".exe" : ""));

    public override string ToString() => $"{Sidecar.Name} {Runtime.Rid} ({ModeName})";

    public string ModeName => PublishModeNames.Of(Mode);
}
