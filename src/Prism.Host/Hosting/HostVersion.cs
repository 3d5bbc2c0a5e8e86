using System.Reflection;

namespace Prism.Host.Hosting;

/// <summary>The host's semantic version (the assembly's informational version without build metadata).</summary>
internal static class HostVersion
{
    public static string Current { get; } = Read();

    private static string Read()
    {
        var informational = typeof(HostVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? throw new InvalidOperationException("prism was built without an informational version; set <Version> in Directory.Build.props.");
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
