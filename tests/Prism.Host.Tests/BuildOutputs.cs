using System.Reflection;

namespace Prism.Host.Tests;

/// <summary>Where the build put the JIT builds of prism and tr-daemon (recorded at compile time by the project file).</summary>
internal static class BuildOutputs
{
    public static string HostFolder { get; } = Metadata("PrismHostOutput");

    public static string HostDll { get; } = Existing(Path.Combine(HostFolder, "prism.dll"));

    public static string DaemonDll { get; } = Existing(Path.Combine(Metadata("TrDaemonOutput"), "tr-daemon.dll"));

    private static string Metadata(string key) =>
        typeof(BuildOutputs).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == key).Value
        ?? throw new InvalidOperationException($"The test assembly lacks the {key} metadata; build it through Prism.Host.Tests.csproj.");

    private static string Existing(string path) => File.Exists(path)
        ? path
        : throw new InvalidOperationException($"{path} does not exist; build tests/Prism.Host.Tests (it builds prism and tr-daemon) in the same configuration.");
}
