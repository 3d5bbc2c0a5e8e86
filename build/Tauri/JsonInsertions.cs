using System.Text.Encodings.Web;
using System.Text.Json;

namespace Prism.Pipeline.Tauri;

/// <summary>Splices that add JSON text to a file in the file's own layout: items after an array's last item, a
/// member after an object's last member, a filled array in place of an empty one — one per line where the
/// surrounding value is laid out over several lines, inline where it is not.</summary>
internal sealed class JsonInsertions(byte[] utf8, JsonTextStyle style)
{
    public JsonTextStyle Style => style;

    /// <summary>Adds <paramref name="items"/> (JSON texts) after the last item of a non-empty array.</summary>
    public TextSplice AppendItems(JsonSpan array, IReadOnlyList<string> items)
    {
        var last = array.Items[^1];
        var lead = IsBlock(array) ? "," + style.NewLine + LineIndent(last.Start) : style.InlineItemSeparator;
        return new TextSplice(last.End, 0, string.Concat(items.Select(item => lead + item)));
    }

    /// <summary>Adds <c>"name": valueText</c> after the last member of a non-empty object.</summary>
    public TextSplice AppendMember(JsonSpan target, string name, string valueText)
    {
        var last = target.Members[^1];
        var lead = IsBlock(target) ? "," + style.NewLine + LineIndent(last.NameStart) : style.InlineItemSeparator;
        return new TextSplice(last.Value.End, 0, lead + Quote(name) + style.KeySeparator + valueText);
    }

    /// <summary>Replaces <paramref name="value"/> (an empty array, or null) with an array of <paramref name="items"/>.</summary>
    public TextSplice Fill(JsonSpan value, IReadOnlyList<string> items, bool block) =>
        new(value.Start, value.End - value.Start, ArrayText(items, LineIndent(value.Start), block));

    /// <summary>The indentation an item of <paramref name="array"/> has (or would have, when it is empty) in a block layout.</summary>
    public string ItemIndent(JsonSpan array) =>
        array.Items.Count > 0 ? LineIndent(array.Items[^1].Start) : LineIndent(array.Start) + style.IndentUnit;

    /// <summary>An array of <paramref name="items"/> whose closing bracket sits at <paramref name="indent"/>.</summary>
    public string ArrayText(IReadOnlyList<string> items, string indent, bool block) => block
        ? "[" + string.Join(",", items.Select(item => style.NewLine + indent + style.IndentUnit + item)) + style.NewLine + indent + "]"
        : "[" + string.Join(style.InlineItemSeparator, items) + "]";

    /// <summary>Whether a value is laid out over several lines (new text then goes on lines of its own).</summary>
    public bool IsBlock(JsonSpan value) => JsonTextStyle.SpansLines(utf8, value.Start, value.End);

    /// <summary>The whitespace that starts the line holding <paramref name="offset"/>.</summary>
    public string LineIndent(int offset) => JsonTextStyle.LineIndent(utf8, offset);

    /// <summary>A JSON string literal, escaping only what JSON requires.</summary>
    public static string Quote(string text) => "\"" + JsonEncodedText.Encode(text, JavaScriptEncoder.UnsafeRelaxedJsonEscaping) + "\"";
}
