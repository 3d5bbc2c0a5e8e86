namespace Prism.Pipeline.Tauri;

/// <summary>Finds the platform configs (<c>tauri.linux.conf.json</c>, <c>tauri.macos.conf.json</c>,
/// <c>tauri.windows.conf.json</c>) beside a main config that would hide sidecars.</summary>
public static class PlatformOverlays
{
    private static readonly string[] Platforms = ["linux", "macos", "windows"];

    /// <summary>The overlay file names Tauri looks for beside <paramref name="configPath"/>.</summary>
    public static IReadOnlyList<string> PathsBeside(string configPath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(configPath))!;
        return [.. Platforms.Select(platform => Path.Combine(folder, $"tauri.{platform}.conf.json"))];
    }

    /// <summary>A warning per existing overlay whose <c>externalBin</c> lacks some of <paramref name="requiredEntries"/>.</summary>
    public static IReadOnlyList<OverlayWarning> FindHiddenSidecars(string configPath, TauriConfigVersion version, IReadOnlyList<string> requiredEntries)
    {
        var warnings = new List<OverlayWarning>();
        foreach (var overlayPath in PathsBeside(configPath).Where(File.Exists))
        {
            var overlay = TauriConfigDocument.Load(overlayPath, version);
            var missing = requiredEntries.Where(entry => !ExternalBinEntries.Contains(overlay.Entries, entry)).ToArray();
            if (overlay.ExternalBin.IsSet && missing.Length > 0)
            {
                warnings.Add(new OverlayWarning(overlayPath, missing));
            }
        }

        return warnings;
    }

    /// <summary>A warning per Linux package list that <c>tauri.linux.conf.json</c> sets without one of <paramref name="dependencies"/>
    /// (the other platforms' overlays do not reach Linux bundles; a v1 config gets no dependencies at all).</summary>
    public static IReadOnlyList<OverlayWarning> FindHiddenDependencies(string configPath, TauriConfigVersion version, IReadOnlyList<LinuxPackageDependency> dependencies)
    {
        var overlayPath = PathsBeside(configPath)[Array.IndexOf(Platforms, "linux")];
        if (version == TauriConfigVersion.V1 || !File.Exists(overlayPath))
        {
            return [];
        }

        var overlay = TauriConfigDocument.Load(overlayPath, version);
        return
        [
            .. dependencies
                .Select(dependency => (dependency, list: overlay.Find(dependency.KeyPath, "package names")))
                .Where(pair => pair.list.IsSet && !pair.dependency.IsDeclaredBy(pair.list.Entries.Select(entry => entry.StringValue!)))
                .Select(pair => new OverlayWarning(overlayPath, [pair.dependency.Entry], pair.dependency.KeyPathText,
                    "make the package depend on them (the sidecars load OpenSSL 3 for TLS)")),
        ];
    }
}
