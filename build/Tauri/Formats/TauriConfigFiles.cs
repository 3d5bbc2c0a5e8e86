namespace Prism.Pipeline.Tauri.Formats;

/// <summary>
/// Finds the config Tauri reads in a folder. Tauri takes the first of <c>tauri.conf.json</c>, <c>tauri.conf.json5</c>,
/// <c>Tauri.toml</c> that exists and silently ignores the rest — so a folder holding two is refused here: a patch to the
/// ignored one would never reach a build.
/// </summary>
public static class TauriConfigFiles
{
    /// <summary>The config in <paramref name="folders"/> (the first folder holding one): exactly one file, or an error
    /// that lists what was looked for or which files conflict.</summary>
    public static string Discover(params string[] folders)
    {
        foreach (var folder in folders)
        {
            var present = Present(folder);
            if (present.Count > 0)
            {
                EnsureSingle(folder, present);
                return present[0];
            }
        }

        throw TauriConfigException.NoConfig(folders, [.. TauriConfigFormats.LookupOrder.Select(TauriConfigFormats.MainFileName)]);
    }

    /// <summary>Refuses a config chosen by name (<c>--tauri-config</c>) that Tauri would not read because another main
    /// config beside it wins; a file with another name (merged with <c>tauri build --config</c>) is taken as it is.</summary>
    public static void EnsureTauriReads(string configPath)
    {
        var name = Path.GetFileName(configPath);
        if (TauriConfigFormats.LookupOrder.Select(TauriConfigFormats.MainFileName).Contains(name, StringComparer.Ordinal))
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(configPath))!;
            EnsureSingle(folder, Present(folder));
        }
    }

    /// <summary>The overlay Tauri merges over the main config for <paramref name="platform"/>: the first existing of its
    /// three names (null when none), and those it ignores.</summary>
    public static (string? Read, IReadOnlyList<string> Ignored) Overlay(string folder, string platform)
    {
        var present = TauriConfigFormats.LookupOrder
            .Select(format => Path.Combine(folder, TauriConfigFormats.OverlayFileName(format, platform)))
            .Where(File.Exists)
            .ToList();
        return (present.FirstOrDefault(), present.Skip(1).ToList());
    }

    private static List<string> Present(string folder) =>
        [.. TauriConfigFormats.LookupOrder.Select(format => Path.Combine(folder, TauriConfigFormats.MainFileName(format))).Where(File.Exists)];

    private static void EnsureSingle(string folder, List<string> present)
    {
        if (present.Count > 1)
        {
            throw TauriConfigException.SeveralConfigs(folder, present);
        }
    }
}
