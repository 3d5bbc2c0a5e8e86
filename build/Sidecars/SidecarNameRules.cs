namespace Prism.Pipeline.Sidecars;

/// <summary>The rules a sidecar name must follow for Tauri to stage, bundle and spawn it.</summary>
public static class SidecarNameRules
{
    /// <summary>Every broken rule for <paramref name="sidecarName"/>, as messages that say how to fix it; empty when the name is fine.</summary>
    public static IReadOnlyList<string> Problems(string sidecarName, string cargoPackageName)
    {
        var problems = new List<string>();
        if (HasDot(sidecarName))
        {
            problems.Add(DotMessage(sidecarName));
        }

        if (string.Equals(sidecarName, cargoPackageName, StringComparison.Ordinal))
        {
            problems.Add($"sidecar name '{sidecarName}' equals the Tauri app's Cargo package name: both would be installed "
                + "as the same file next to the app. Rename the sidecar (its project's AssemblyName and its externalBin entry).");
        }

        return problems;
    }

    /// <summary>Whether the name contains a dot, which the shell plugin mis-resolved before plugins-workspace#2950.</summary>
    public static bool HasDot(string sidecarName) => sidecarName.Contains('.', StringComparison.Ordinal);

    /// <summary>The message for a dotted name, shared by Verify and the Tauri config patcher.</summary>
    public static string DotMessage(string sidecarName) =>
        $"sidecar name '{sidecarName}' contains a dot: Tauri's shell plugin resolves such names wrongly "
        + $"(plugins-workspace#2950). Rename it without dots, e.g. '{sidecarName.Replace('.', '-')}'.";
}
