namespace Prism.Pipeline.Tauri.Formats;

/// <summary>The three file formats Tauri v2 reads its config from (tauri-utils <c>config/parse.rs</c>).</summary>
public enum TauriConfigFormat
{
    /// <summary><c>tauri.conf.json</c>: strict JSON, always available.</summary>
    Json,

    /// <summary><c>tauri.conf.json5</c>: JSON5, with the <c>config-json5</c> Cargo feature of tauri and tauri-build.</summary>
    Json5,

    /// <summary><c>Tauri.toml</c>: TOML with kebab-case keys, with the <c>config-toml</c> Cargo feature.</summary>
    Toml,
}

/// <summary>What each format is called and which file names Tauri looks for, in the order it looks.</summary>
public static class TauriConfigFormats
{
    /// <summary>Tauri's order: the first existing file wins and the others are ignored without a word.</summary>
    public static readonly IReadOnlyList<TauriConfigFormat> LookupOrder = [TauriConfigFormat.Json, TauriConfigFormat.Json5, TauriConfigFormat.Toml];

    /// <summary>The main config's file name in a format.</summary>
    public static string MainFileName(TauriConfigFormat format) => format switch
    {
        TauriConfigFormat.Json => "tauri.conf.json",
        TauriConfigFormat.Json5 => "tauri.conf.json5",
        _ => "Tauri.toml",
    };

    /// <summary>A platform's overlay file name in a format (<c>tauri.linux.conf.json5</c>, <c>Tauri.linux.toml</c>).</summary>
    public static string OverlayFileName(TauriConfigFormat format, string platform) => format switch
    {
        TauriConfigFormat.Json => $"tauri.{platform}.conf.json",
        TauriConfigFormat.Json5 => $"tauri.{platform}.conf.json5",
        _ => $"Tauri.{platform}.toml",
    };

    /// <summary>The format a config file is in, by its extension as Tauri decides it; any other extension is refused.</summary>
    public static TauriConfigFormat Of(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".json" => TauriConfigFormat.Json,
        ".json5" => TauriConfigFormat.Json5,
        ".toml" => TauriConfigFormat.Toml,
        _ => throw TauriConfigException.UnknownFormat(path),
    };

    /// <summary>The name people use for the format in messages.</summary>
    public static string Name(TauriConfigFormat format) => format switch
    {
        TauriConfigFormat.Json => "JSON",
        TauriConfigFormat.Json5 => "JSON5",
        _ => "TOML",
    };
}
