using Prism.Pipeline.Tauri.Formats;

namespace Prism.Pipeline.Tauri;

/// <summary>Finds the platform configs beside a main config (<c>tauri.linux.conf.json</c>, <c>tauri.linux.conf.json5</c>
/// or <c>Tauri.linux.toml</c>; the same for macos and windows) that would hide sidecars, and those Tauri ignores.</summary>
public static class PlatformOverlays
{
    private static readonly string[] Platforms = ["linux", "macos", "windows"];

    /// <summary>The overlay Tauri merges over <paramref name="configPath"/> for <paramref name="platform"/> (the first of its
    /// JSON, JSON5 and TOML names that exists, in Tauri's order), or null.</summary>
    public static string? For(string configPath, string platform) => TauriConfigFiles.Overlay(FolderOf(configPath), platform).Read;

    /// <summary>The overlays Tauri reads beside <paramref name="configPath"/>, one per platform at most.</summary>
    public static IReadOnlyList<string> PathsBeside(string configPath) =>
        [.. Platforms.Select(platform => For(configPath, platform)).OfType<string>()];

    /// <summary>A warning per overlay Tauri never reads because another format of the same platform's overlay wins.</summary>
    public static IReadOnlyList<string> FindIgnored(string configPath) =>
    [
        .. Platforms.Select(platform => TauriConfigFiles.Overlay(FolderOf(configPath), platform))
            .Where(overlay => overlay.Ignored.Count > 0)
            .Select(overlay => $"{string.Join(" and ", overlay.Ignored)}: Tauri never reads this; it merges only {overlay.Read} "
                + "(it looks for the .json, then the .json5, then the .toml overlay). Merge them into one file and delete the others."),
    ];

    /// <summary>A warning per existing overlay whose <c>externalBin</c> lacks some of <paramref name="requiredEntries"/>.</summary>
    public static IReadOnlyList<OverlayWarning> FindHiddenSidecars(string configPath, TauriConfigVersion version, IReadOnlyList<string> requiredEntries)
    {
        var warnings = new List<OverlayWarning>();
        foreach (var overlayPath in PathsBeside(configPath))
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

    /// <summary>A warning per Linux package list that the Linux overlay sets without one of <paramref name="dependencies"/>
    /// (the other platforms' overlays do not reach Linux bundles; a v1 config gets no dependencies at all).</summary>
    public static IReadOnlyList<OverlayWarning> FindHiddenDependencies(string configPath, TauriConfigVersion version, IReadOnlyList<LinuxPackageDependency> dependencies)
    {
        if (version == TauriConfigVersion.V1 || For(configPath, "linux") is not { } overlayPath)
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

    private static string FolderOf(string configPath) => Path.GetDirectoryName(Path.GetFullPath(configPath))!;
}
