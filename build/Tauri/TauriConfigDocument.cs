using System.Text.Json;

namespace Prism.Pipeline.Tauri;

/// <summary>A Tauri config as read from disk (or as patched so far): its bytes, parsed spans, format version and where
/// <c>externalBin</c> is.</summary>
internal sealed record TauriConfigDocument(string Path, byte[] Utf8, JsonSpan Root, TauriConfigVersion Version, StringListLocation ExternalBin)
{
    /// <summary>Reads and parses a config; every problem is reported as <c>path:line:column</c>.</summary>
    public static TauriConfigDocument Load(string path, TauriConfigVersion? version = null) =>
        File.Exists(path) ? Parse(path, File.ReadAllBytes(path), version) : throw TauriConfigException.NotFound(path);

    /// <summary>Parses a config's bytes; <paramref name="path"/> names it in messages.</summary>
    public static TauriConfigDocument Parse(string path, byte[] utf8, TauriConfigVersion? version = null)
    {
        var root = JsonSpanParser.Parse(path, utf8);
        if (root.Kind != JsonTokenType.StartObject)
        {
            throw TauriConfigException.RootNotObject(TextPosition.Of(path, utf8, root.Start));
        }

        var actualVersion = version ?? TauriConfigLayout.Detect(root);
        var externalBin = StringListLocation.Find(path, utf8, root, TauriConfigLayout.ExternalBinPath(actualVersion), "paths without the target triple");
        return new TauriConfigDocument(path, utf8, root, actualVersion, externalBin);
    }

    /// <summary>The entries listed in <c>externalBin</c>, in file order.</summary>
    public IReadOnlyList<string> Entries => [.. ExternalBin.Entries.Select(entry => entry.StringValue!)];

    /// <summary>Where the list at <paramref name="keys"/> is; <paramref name="itemsAre"/> describes its strings for errors.</summary>
    public StringListLocation Find(IReadOnlyList<string> keys, string itemsAre) => StringListLocation.Find(Path, Utf8, Root, keys, itemsAre);

    /// <summary>
    /// <c>bundle.macOS.minimumSystemVersion</c> (v1: under <c>tauri.bundle</c>), the macOS the app promises to run on, as
    /// this file sets it: IsSet false when absent or "" (Tauri then takes a platform config's, else its default 10.13);
    /// Value null when it is null (the app declares no minimum), else the string (any other value as its JSON text).
    /// </summary>
    public (bool IsSet, string? Value) MinimumSystemVersion
    {
        get
        {
            JsonSpan? value = Root;
            foreach (var key in (string[])[.. TauriConfigLayout.BundlePath(Version), "macOS", "minimumSystemVersion"])
            {
                value = value?.Kind == JsonTokenType.StartObject ? value.Member(key)?.Value : null;
            }

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
    public byte[] Append(StringListLocation location, IReadOnlyList<string> entries) =>
        new StringListEditor(Utf8, JsonTextStyle.Detect(Utf8, Root), location).Append(entries).ApplyTo(Utf8);
}
