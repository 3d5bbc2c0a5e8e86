using Prism.Platform;

namespace Prism.Pipeline.Sidecars;

/// <summary>
/// Whether this machine can Native-AOT-compile for a runtime: the ILCompiler targets only the OS it runs on, and
/// needs that OS's native linker. Cross-architecture works on macOS (Xcode links both); on Linux and Windows it needs
/// the other architecture's sysroot, which we do not assume.
/// </summary>
internal sealed class AotToolchain(RuntimeTarget host, bool linkerAvailable)
{
    public RuntimeTarget Host { get; } = host;

    /// <summary>This machine, with the linker found on PATH (clang on Linux, Xcode's clang on macOS; MSVC is found by the SDK).</summary>
    public static AotToolchain Detect() =>
        new(CurrentRuntime.Target, OperatingSystem.IsWindows() || ExecutableSearch.Find("clang") is not null);

    public bool CanCompile(RuntimeTarget runtime) =>
        linkerAvailable && (runtime.Rid == Host.Rid || (runtime.Os == TargetOs.MacOS && Host.Os == TargetOs.MacOS));

    /// <summary>Why <see cref="CanCompile"/> said no, with the way out.</summary>
    public string WhyNot(RuntimeTarget runtime) => linkerAvailable
        ? $"Native AOT cannot compile {runtime.Rid} on this {Host.Rid} machine (the AOT compiler targets only its own OS and architecture). " +
          $"Use --publish-mode auto or single-file, or build {runtime.Rid} on a {runtime.Os} machine."
        : $"Native AOT needs a native linker and none was found (Linux: `apt-get install clang zlib1g-dev`; macOS: `xcode-select --install`). " +
          "Install it, or use --publish-mode single-file.";
}

/// <summary>Finds programs on PATH, as a shell would.</summary>
internal static class ExecutableSearch
{
    /// <summary>
    /// The full path of the first <paramref name="name"/> on PATH (with <c>.exe</c> on Windows), or null;
    /// <paramref name="searchPath"/> stands for this process's PATH when given (the build's own environment).
    /// </summary>
    public static string? Find(string name, string? searchPath = null)
    {
        var fileName = OperatingSystem.IsWindows() ? name + ".exe" : name;
        return PathFolders(searchPath).Select(folder => Path.Combine(folder, fileName)).FirstOrDefault(File.Exists);
    }

    /// <summary>The newest of <c>name-NN</c> on PATH (Debian's versioned LLVM tools, e.g. <c>llvm-lipo-14</c>), or null.</summary>
    public static string? FindVersioned(string name) =>
        PathFolders().Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, name + "-*"))
            .Order(StringComparer.Ordinal)
            .LastOrDefault();

    private static string[] PathFolders(string? searchPath = null) =>
        (searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
}
