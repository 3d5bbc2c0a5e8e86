using System.Reflection;

namespace Prism.Daemon.Hosting;

/// <summary>The daemon's semantic version (the assembly's informational version without build metadata).</summary>
internal static class DaemonVersion
{
    public static string Current { get; } = Read();

    private static string Read()
    {
        var informational = typeof(DaemonVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? throw new InvalidOperationException("tr-daemon was built without an informational version; set <Version> in Directory.Build.props.");
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
