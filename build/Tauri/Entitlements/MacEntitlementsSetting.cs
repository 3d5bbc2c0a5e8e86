using System.Text.Json;

namespace Prism.Pipeline.Tauri.Entitlements;

/// <summary>
/// What Tauri signs macOS binaries with (tauri-bundler <c>macos/app.rs</c>): the one entitlements file
/// <c>bundle.macOS.entitlements</c> names — relative to the config's folder, where the CLI runs the bundler — and the
/// hardened runtime unless <c>bundle.macOS.hardenedRuntime</c> is false; the macOS overlay's values win over the main
/// config's, as its JSON Merge Patch does.
/// </summary>
internal sealed record MacEntitlementsSetting(string ConfigPath, TauriConfigVersion Version, string DeclaredIn, string? Entitlements, bool HardenedRuntime)
{
    /// <summary>The keys of <c>bundle.macOS.entitlements</c> in the config's version.</summary>
    public IReadOnlyList<string> EntitlementsKeys => [.. TauriConfigLayout.BundlePath(Version), "macOS", "entitlements"];

    /// <summary>For messages, e.g. <c>bundle.macOS.entitlements</c>.</summary>
    public string EntitlementsKeyText => string.Join('.', EntitlementsKeys);

    /// <summary>The entitlements file's full path, or null when the config sets none.</summary>
    public string? FullPath => Entitlements is null ? null : Path.GetFullPath(Path.Combine(FolderOf(ConfigPath), Entitlements));

    /// <summary>Reads the setting from the main config and the macOS overlay Tauri merges over it.</summary>
    public static MacEntitlementsSetting Read(string configPath)
    {
        var main = TauriConfigDocument.Load(configPath);
        var overlay = PlatformOverlays.For(configPath, "macos") is { } overlayPath ? TauriConfigDocument.Load(overlayPath, main.Version) : null;
        IReadOnlyList<string> macOS = [.. TauriConfigLayout.BundlePath(main.Version), "macOS"];
        (JsonSpan? Value, TauriConfigDocument? From) Pick(string key) =>
            overlay?.ValueAt([.. macOS, key]) is { } fromOverlay ? (fromOverlay, overlay) : (main.ValueAt([.. macOS, key]), main);

        var (entitlements, declaredIn) = Pick("entitlements");
        if (entitlements is { Kind: not (JsonTokenType.String or JsonTokenType.Null) })
        {
            throw TauriConfigException.NotAString(declaredIn!.PositionOf(entitlements.Start), string.Join('.', macOS) + ".entitlements", "a path to a .plist file");
        }

        return new MacEntitlementsSetting(configPath, main.Version, declaredIn!.Path, entitlements?.StringValue,
            Pick("hardenedRuntime").Value?.Kind != JsonTokenType.False);
    }

    /// <summary>How <paramref name="file"/> is written in the config: relative to the config's folder, with forward slashes.</summary>
    public string Spelling(string file) => Path.GetRelativePath(FolderOf(ConfigPath), file).Replace('\\', '/');

    private static string FolderOf(string configPath) => Path.GetDirectoryName(Path.GetFullPath(configPath))!;
}
