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

    /// <summary>Where a byte offset of this file is, for messages.</summary>
    public TextPosition PositionOf(int offset) => TextPosition.Of(Path, Utf8, offset);

    /// <summary>The splice that makes the list at <paramref name="location"/> end with <paramref name="entries"/>, applied.</summary>
    public byte[] Append(StringListLocation location, IReadOnlyList<string> entries) =>
        new StringListEditor(Utf8, JsonTextStyle.Detect(Utf8, Root), location).Append(entries).ApplyTo(Utf8);
}
