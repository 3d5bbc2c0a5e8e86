using Prism.Pipeline.Tools;
using Prism.Platform;

namespace Prism.Pipeline.Sidecars.Publishing;

/// <summary>
/// Whether this machine can Native-AOT-compile for a runtime: the ILCompiler targets only the OS it runs on, and
/// needs that OS's native linker. Cross-architecture works on macOS (Xcode links both) and on Linux between x64 and
/// arm64 glibc when the other architecture's cross toolchain is installed (<see cref="LinuxCrossToolchain"/>).
/// </summary>
internal sealed class AotToolchain(RuntimeTarget host, bool linkerAvailable, LinuxCrossToolchain? linuxCross = null)
{
    public RuntimeTarget Host { get; } = host;

    /// <summary>This machine, with the linker found on PATH (clang on Linux, Xcode's clang on macOS; MSVC is found by the SDK)
    /// and, on Linux, the cross toolchain of the other architecture as installed.</summary>
    public static AotToolchain Detect() =>
        new(CurrentRuntime.Target, OperatingSystem.IsWindows() || ExecutableSearch.Find("clang") is not null,
            OperatingSystem.IsLinux() ? new LinuxCrossToolchain(CurrentRuntime.Target, "/", name => ExecutableSearch.Find(name)) : null);

    public bool CanCompile(RuntimeTarget runtime) =>
        (linkerAvailable && (runtime.Rid == Host.Rid || (runtime.Os == TargetOs.MacOS && Host.Os == TargetOs.MacOS)))
        || (IsLinuxCross(runtime) && linuxCross!.Missing(runtime).Count == 0);

    /// <summary>
    /// Whether this is a Linux cross-architecture runtime (x64 ↔ arm64, glibc) that would compile as Native AOT once
    /// its cross toolchain is installed, and it is not — <c>auto</c> then says what to install instead of staying silent.
    /// </summary>
    public bool CouldCompileAfterInstalling(RuntimeTarget runtime) => IsLinuxCross(runtime) && !CanCompile(runtime);

    /// <summary>Why <see cref="CanCompile"/> said no, with the way out.</summary>
    public string WhyNot(RuntimeTarget runtime) =>
        IsLinuxCross(runtime) ? linuxCross!.WhyNot(runtime)
        : linkerAvailable
            ? $"Native AOT cannot compile {runtime.Rid} on this {Host.Rid} machine (the AOT compiler targets only its own OS" +
              (Host.Os == TargetOs.Linux ? ", and on Linux crosses only between x64 and arm64 glibc" : " and architecture") + "). " +
              $"Use --publish-mode auto or single-file, or build {runtime.Rid} on a {runtime.Os} machine."
            : $"Native AOT needs a native linker and none was found (Linux: `apt-get install clang zlib1g-dev`; macOS: `xcode-select --install`). " +
              "Install it, or use --publish-mode single-file.";

    /// <summary>The MSBuild properties a publish for <paramref name="runtime"/> needs beyond <c>PublishAot</c>.</summary>
    public IReadOnlyList<string> PublishProperties(RuntimeTarget runtime) =>
        IsLinuxCross(runtime) ? LinuxCrossToolchain.PublishProperties : [];

    private bool IsLinuxCross(RuntimeTarget runtime) => linuxCross is not null && linuxCross.Crosses(runtime);
}
