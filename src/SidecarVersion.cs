using System.Reflection;

namespace Prism;

/// <summary>
/// The running sidecar's semantic version: the entry assembly's informational version (Directory.Build.props'
/// &lt;Version&gt;) without build metadata. Compiled into each sidecar through src/Sidecar.props (it sits beside it, so publish fingerprints see it).
/// </summary>
internal static class SidecarVersion
{
    public static string Current { get; } = Read();

    private static string Read()
    {
        var assembly = Assembly.GetEntryAssembly() ?? typeof(SidecarVersion).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? throw new InvalidOperationException($"{assembly.GetName().Name} was built without an informational version; set <Version> in Directory.Build.props.");
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
