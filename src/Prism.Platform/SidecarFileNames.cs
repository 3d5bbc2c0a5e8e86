namespace Prism.Platform;

/// <summary>The names Tauri gives a sidecar: suffixed by the triple while staged, bare once bundled.</summary>
public static class SidecarFileNames
{
    /// <summary>Tauri's rule: a sidecar file ends in <c>.exe</c> exactly when the triple contains "windows".</summary>
    public static bool NeedsExeSuffix(string triple) => triple.Contains("windows", StringComparison.Ordinal);

    /// <summary>The staged name <c>&lt;name&gt;-&lt;triple&gt;[.exe]</c> that <c>bundle.externalBin</c> expects.</summary>
    public static string Staged(string sidecarName, string triple) =>
        $"{sidecarName}-{triple}{ExeSuffix(triple)}";

    /// <summary>The name <c>&lt;name&gt;[.exe]</c> a bundled sidecar has next to the app's main executable.</summary>
    public static string Bundled(string sidecarName, string triple) => sidecarName + ExeSuffix(triple);

    private static string ExeSuffix(string triple) => NeedsExeSuffix(triple) ? ".exe" : string.Empty;
}
