using Prism.Pipeline.Sidecars.Publishing;
using Prism.Platform;

namespace Prism.Pipeline.Sidecars.Inspection;

/// <summary>
/// Which staged sidecars Tauri's AppImage bundler would break: linuxdeploy runs <c>patchelf --set-rpath</c> (and
/// strip) over every binary in <c>usr/bin</c>, which corrupts an executable with an appended payload — exactly a .NET
/// single file (tauri#5189, tauri#11898; dotnet/runtime#37334). A Native AOT binary is a plain ELF and survives;
/// .deb and .rpm copy binaries untouched. musl triples are never in a Tauri bundle (Tauri does not build on musl,
/// tauri#12296), so they get no warning.
/// </summary>
internal static class AppImageCompatibility
{
    /// <summary>The warning for a binary staged for <paramref name="runtime"/> in <paramref name="mode"/>, or null when an AppImage keeps it working.</summary>
    public static string? Warning(string fileName, RuntimeTarget runtime, PublishMode mode) =>
        runtime.Os == TargetOs.Linux && mode == PublishMode.SingleFile && !runtime.IsMusl
            ? $"{fileName} is a .NET single file: Tauri's AppImage bundler runs patchelf over every binary, which corrupts a single " +
              "file's appended bundle (tauri#5189, tauri#11898), so an AppImage built with it fails at launch; .deb and .rpm are fine. " +
              $"Publish {runtime.Rid} as Native AOT (`./build.sh Stage --runtimes {runtime.Rid} --publish-mode aot`, after installing what " +
              "`--publish-mode auto` names), or leave \"appimage\" out of bundle.targets."
            : null;
}
