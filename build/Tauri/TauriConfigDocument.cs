using System.Text.Json;

namespace Prism.Pipeline.Tauri;

/// <summary>A Tauri config file as read from disk: its bytes, parsed spans, format version and where <c>externalBin</c> is.</summary>
internal sealed record TauriConfigDocument(string Path, byte[] Utf8, JsonSpan Root, TauriConfigVersion Version, ExternalBinLocation ExternalBin)
{
    /// <summary>Reads and parses a config; every problem is reported as <c>path:line:column</c>.</summary>
    public static TauriConfigDocument Load(string path, TauriConfigVersion? version = null)
    {
        if (!File.Exists(path))
        {
            throw TauriConfigException.NotFound(path);
        }

        var utf8 = File.ReadAllBytes(path);
        var root = JsonSpanParser.Parse(path, utf8);
        if (root.Kind != JsonTokenType.StartObject)
        {
            throw TauriConfigException.RootNotObject(TextPosition.Of(path, utf8, root.Start));
        }

        var actualVersion = version ?? TauriConfigLayout.Detect(root);
        return new TauriConfigDocument(path, utf8, root, actualVersion, ExternalBinLocation.Find(path, utf8, root, actualVersion));
    }

    /// <summary>The entries listed in <c>externalBin</c>, in file order.</summary>
    public IReadOnlyList<string> Entries => [.. ExternalBin.Entries.Select(entry => entry.StringValue!)];

    /// <summary>Where a byte offset of this file is, for messages.</summary>
    public TextPosition PositionOf(int offset) => TextPosition.Of(Path, Utf8, offset);
}
