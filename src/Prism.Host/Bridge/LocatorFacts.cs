using System.Reflection;
using Prism.Platform;

namespace Prism.Host.Bridge;

/// <summary>
/// Everything <see cref="DaemonLocator"/> decides by, gathered in one place so that tests can hand it other facts
/// (temp folders, a foreign triple) instead of this process's own.
/// </summary>
/// <param name="HostDirectory">The folder of the host's own executable (or of prism.dll when run with dotnet).</param>
/// <param name="HostProgram">The file whose code this host runs: its executable, or prism.dll for a build.</param>
/// <param name="CurrentDirectory">The working directory the host was started in: only a relative <c>PRISM_DAEMON_PATH</c> is resolved against it, nothing is searched there.</param>
/// <param name="OverridePath">The value of <c>PRISM_DAEMON_PATH</c>, or null when unset.</param>
/// <param name="Triple">The Rust target triple of the running process (architecture-aware, from Prism.Platform).</param>
/// <param name="RunningFromSource">True for a build or framework-dependent publish (prism.dll beside the host); false for single-file and Native AOT.</param>
/// <param name="Configuration">The build configuration of this host (Debug, Release), tried first for the daemon's build output.</param>
/// <param name="TargetFramework">The target framework folder of build outputs, e.g. net10.0.</param>
/// <param name="DotnetHost">The dotnet executable that runs a tr-daemon.dll, by absolute path (<see cref="DotnetExecutable"/>); null when there is none.</param>
internal sealed record LocatorFacts(
    string HostDirectory,
    string HostProgram,
    string CurrentDirectory,
    string? OverridePath,
    string Triple,
    bool RunningFromSource,
    string Configuration,
    string TargetFramework,
    string? DotnetHost)
{
    public const string OverrideVariable = "PRISM_DAEMON_PATH";

    /// <summary>The facts of this very process.</summary>
    public static LocatorFacts OfThisProcess()
    {
        var hostDirectory = AppContext.BaseDirectory;
        var assembly = typeof(LocatorFacts).Assembly;
        var hostDll = Path.Combine(hostDirectory, assembly.GetName().Name + ".dll");
        // A single-file or Native AOT host has no prism.dll beside it; a build (dotnet run, dotnet test) has.
        var runningFromSource = File.Exists(hostDll);
        return new LocatorFacts(
            hostDirectory,
            runningFromSource ? hostDll : Environment.ProcessPath ?? Path.Combine(hostDirectory, assembly.GetName().Name!),
            Environment.CurrentDirectory,
            Environment.GetEnvironmentVariable(OverrideVariable) is { Length: > 0 } configured ? configured : null,
            CurrentRuntime.Triple,
            runningFromSource,
            assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug",
            TargetFrameworkFolder(),
            DotnetExecutable.Find(Environment.ProcessPath, Environment.GetEnvironmentVariable));
    }

    /// <summary>".NETCoreApp,Version=v10.0" → "net10.0": daemon and host share one target framework (Directory.Build.props).</summary>
    private static string TargetFrameworkFolder()
    {
        var name = AppContext.TargetFrameworkName ?? string.Empty;
        var version = name[(name.IndexOf("Version=v", StringComparison.Ordinal) + "Version=v".Length)..];
        return "net" + version;
    }
}
