using System.Text.Json;
using Prism.Pipeline.Tauri.Formats;

namespace Prism.Pipeline.Tauri;

/// <summary>A Tauri config as read from disk (or as patched so far) in any of Tauri's formats: its bytes, parsed spans,
/// format version and where <c>externalBin</c> is.</summary>
internal sealed record TauriConfigDocument(string Path, byte[] Utf8, JsonSpan Root, TauriConfigVersion Version, StringListLocation ExternalBin)
{
    /// <summary>The file format, by the file's extension as Tauri decides it.</summary>
    public TauriConfigFormat Format { get; private init; }

    /// <summary>Writes splices in the file's format and layout.</summary>
    private IConfigTextEditor Editor { get; init; } = null!;

    /// <summary>Reads and parses a config; every problem is reported as <c>path:line:column</c>.</summary>
    public static TauriConfigDocument Load(string path, TauriConfigVersion? version = null) =>
        File.Exists(path) ? Parse(path, File.ReadAllBytes(path), version) : throw TauriConfigException.NotFound(path);

    /// <summary>Parses a config's bytes in the format its name says; <paramref name="path"/> names it in messages.</summary>
    public static TauriConfigDocument Parse(string path, byte[] utf8, TauriConfigVersion? version = null)
    {
        var format = TauriConfigFormats.Of(path);
        var (root, editor) = format switch
        {
            TauriConfigFormat.Json => ParseJson(JsonSpanParser.Parse(path, utf8), utf8, json5: false),
            TauriConfigFormat.Json5 => ParseJson(Json5SpanParser.Parse(path, utf8), utf8, json5: true),
            _ => ParseToml(path, utf8),
        };
        if (root.Kind != JsonTokenType.StartObject)
        {
            throw TauriConfigException.RootNotObject(TextPosition.Of(path, utf8, root.Start));
        }

        var actualVersion = version ?? TauriConfigLayout.Detect(root);
        var externalBin = StringListLocation.Find(path, utf8, root, TauriConfigLayout.ExternalBinPath(actualVersion), "paths without the target triple");
        return new TauriConfigDocument(path, utf8, root, actualVersion, externalBin) { Format = format, Editor = editor };
    }

    /// <summary>The entries listed in <c>externalBin</c>, in file order.</summary>
    public IReadOnlyList<string> Entries => [.. ExternalBin.Entries.Select(entry => entry.StringValue!)];

    /// <summary>Where the list at <paramref name="keys"/> is; <paramref name="itemsAre"/> describes its strings for errors.</summary>
    public StringListLocation Find(IReadOnlyList<string> keys, string itemsAre) => StringListLocation.Find(Path, Utf8, Root, keys, itemsAre);

    /// <summary>The value at <paramref name="keys"/> (each in any spelling Tauri accepts), or null when a key on the way is
    /// missing or not a table.</summary>
    public JsonSpan? ValueAt(IReadOnlyList<string> keys)
    {
        var value = Root;
        foreach (var key in keys)
        {
            if (value.Kind != JsonTokenType.StartObject || value.Member(key) is not { } member)
            {
                return null;
            }

            value = member.Value;
        }

        return value;
    }

    /// <summary>
    /// <c>bundle.macOS.minimumSystemVersion</c> (v1: under <c>tauri.bundle</c>; any spelling Tauri accepts), the macOS the
    /// app promises to run on, as this file sets it: IsSet false when absent or "" (Tauri then takes a platform config's,
    /// else its default 10.13); Value null when it is null (the app declares no minimum), else the string (any other
    /// value as its JSON text).
    /// </summary>
    public (bool IsSet, string? Value) MinimumSystemVersion
    {
        get
        {
            var value = ValueAt([.. TauriConfigLayout.BundlePath(Version), "macOS", "minimumSystemVersion"]);
            return value switch
            {
                null or { Kind: JsonTokenType.String, StringValue: "" } => (false, null),
                { Kind: JsonTokenType.Null } => (true, null),
                { Kind: JsonTokenType.String } => (true, value.StringValue),
                _ => (true, System.Text.Encoding.UTF8.GetString(Utf8, value.Start, value.End - value.Start)),
            };
        }
    }

    /// <summary>Where a byte offset of this file is, for messages.</summary>
    public TextPosition PositionOf(int offset) => TextPosition.Of(Path, Utf8, offset);

    /// <summary>The splice that makes the list at <paramref name="location"/> end with <paramref name="entries"/>, applied.</summary>
    public byte[] Append(StringListLocation location, IReadOnlyList<string> entries) => Editor.Append(location, entries).ApplyTo(Utf8);

    /// <summary>The file with the string <paramref name="value"/> set at <paramref name="keys"/>, which must be missing
    /// (the tables on the way are created as needed).</summary>
    public byte[] AddString(IReadOnlyList<string> keys, string value)
    {
        var (container, missing, existing) = StringListLocation.Walk(Path, Utf8, Root, keys);
        return existing is null
            ? Editor.AddString(container, missing, value).ApplyTo(Utf8)
            : throw new InvalidOperationException($"{string.Join('.', keys)} is already set: the caller decides what to do with it");
    }

    /// <summary>The config as strict JSON for validation: a .json file as it is, a JSON5 one converted, a TOML one converted
    /// with its kebab-case keys spelled as Tauri's schema spells them.</summary>
    public string ToSchemaJson(TauriSchemaValidator validator) => Format == TauriConfigFormat.Json
        ? System.Text.Encoding.UTF8.GetString(Utf8)
        : Format == TauriConfigFormat.Toml ? validator.CanonicalKeys(Path, ConfigJson.Write(Root)) : ConfigJson.Write(Root);

    private static (JsonSpan, IConfigTextEditor) ParseJson(JsonSpan root, byte[] utf8, bool json5) =>
        (root, new StringListEditor(utf8, JsonTextStyle.Detect(utf8, root, json5)));

    private static (JsonSpan, IConfigTextEditor) ParseToml(string path, byte[] utf8)
    {
        var toml = TomlSpanReader.Read(path, utf8);
        var style = new JsonTextStyle(utf8.AsSpan().IndexOf("\r\n"u8) >= 0 ? "\r\n" : "\n", JsonTextStyle.DetectIndentUnit(utf8), toml.KeySeparator, false)
        {
            LineComment = "#",
            StringQuote = JsonTextStyle.FirstString(toml.Root) is { } text && utf8[text.Start] == (byte)'\'' ? '\'' : '"',
        };
        return (toml.Root, new TomlTextEditor(utf8, style, toml.Places));
    }
}
