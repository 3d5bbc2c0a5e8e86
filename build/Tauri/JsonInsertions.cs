using System.Text.Encodings.Web;
using System.Text.Json;

namespace Prism.Pipeline.Tauri;

/// <summary>Splices that add text to a bracketed list or object in the file's own layout (JSON, JSON5, and TOML arrays,
/// which share the bracket syntax): items after an array's last item, a member after an object's last member, a filled
/// container in place of an empty one — one per line where the surrounding value is laid out over several lines, inline
/// where it is not. A comment that ends the last item's line stays on that line; a comment inside an empty container stays.</summary>
internal sealed class JsonInsertions(byte[] utf8, JsonTextStyle style)
{
    public JsonTextStyle Style => style;

    /// <summary>Adds <paramref name="items"/> (texts in the file's format) after the last item of a non-empty array.</summary>
    public TextSplice AppendItems(JsonSpan array, IReadOnlyList<string> items)
    {
        var last = array.Items[^1];
        return AppendAfter(last.End, IsBlock(array), LineIndent(last.Start), items);
    }

    /// <summary>Adds <c>name: valueText</c> after the last member of a non-empty object.</summary>
    public TextSplice AppendMember(JsonSpan target, string name, string valueText)
    {
        var last = target.Members[^1];
        return AppendAfter(last.Value.End, IsBlock(target), LineIndent(last.NameStart), [style.Key(name) + style.KeySeparator + valueText]);
    }

    /// <summary>Replaces <paramref name="value"/> (an empty array, or null) with an array of <paramref name="items"/>.</summary>
    public TextSplice Fill(JsonSpan value, IReadOnlyList<string> items, bool block) =>
        value.Kind == JsonTokenType.StartArray ? FillEmpty(value, items, block) : new(value.Start, value.End - value.Start, ArrayText(items, LineIndent(value.Start), block));

    /// <summary>Puts <paramref name="texts"/> into an empty container (<c>[]</c>, <c>{}</c>); whatever comment it holds stays before them.</summary>
    public TextSplice FillEmpty(JsonSpan container, IReadOnlyList<string> texts, bool block)
    {
        var indent = LineIndent(container.Start);
        var inner = utf8.AsSpan((container.Start + 1)..(container.End - 1));
        var content = inner.TrimEnd(" \t\r\n"u8).Length;
        if (content == 0)
        {
            var (open, close) = (utf8[container.Start], utf8[container.End - 1]);
            return new(container.Start, container.End - container.Start, ContainerText((char)open, (char)close, texts, indent, block));
        }

        // A comment inside: the texts follow it, on lines of their own where it is a line comment.
        var lineBreak = block || style.LineComment is { } marker && inner[..content].LastIndexOf(System.Text.Encoding.UTF8.GetBytes(marker)) > inner[..content].LastIndexOf((byte)'\n');
        var text = lineBreak
            ? string.Concat(texts.Select((item, index) => (index > 0 ? "," : "") + style.NewLine + indent + style.IndentUnit + item)) + style.NewLine + indent
            : " " + string.Join(style.InlineItemSeparator, texts);
        return new(container.Start + 1 + content, container.End - 1 - (container.Start + 1 + content), text);
    }

    /// <summary>The indentation an item of <paramref name="array"/> has (or would have, when it is empty) in a block layout.</summary>
    public string ItemIndent(JsonSpan array) =>
        array.Items.Count > 0 ? LineIndent(array.Items[^1].Start) : LineIndent(array.Start) + style.IndentUnit;

    /// <summary>An array of <paramref name="items"/> whose closing bracket sits at <paramref name="indent"/>.</summary>
    public string ArrayText(IReadOnlyList<string> items, string indent, bool block) => ContainerText('[', ']', items, indent, block);

    /// <summary>Whether a value is laid out over several lines (new text then goes on lines of its own).</summary>
    public bool IsBlock(JsonSpan value) => JsonTextStyle.SpansLines(utf8, value.Start, value.End);

    /// <summary>The whitespace that starts the line holding <paramref name="offset"/>.</summary>
    public string LineIndent(int offset) => JsonTextStyle.LineIndent(utf8, offset);

    /// <summary>A JSON string literal, escaping only what JSON requires.</summary>
    public static string Quote(string text) => "\"" + JsonEncodedText.Encode(text, JavaScriptEncoder.UnsafeRelaxedJsonEscaping) + "\"";

    private string ContainerText(char open, char close, IReadOnlyList<string> texts, string indent, bool block) => block
        ? open + string.Join(",", texts.Select(item => style.NewLine + indent + style.IndentUnit + item)) + style.NewLine + indent + close
        : open + string.Join(style.InlineItemSeparator, texts) + close;

    /// <summary>Adds <paramref name="texts"/> after the value ending at <paramref name="lastEnd"/>: inline right after it, or
    /// in a block on lines of their own after its line — past a trailing comma (which the last new text then keeps, as the
    /// file's style) and past a comment ending that line (which stays with the value it was written for).</summary>
    private TextSplice AppendAfter(int lastEnd, bool block, string indent, IReadOnlyList<string> texts)
    {
        if (!block)
        {
            return new TextSplice(lastEnd, 0, string.Concat(texts.Select(text => style.InlineItemSeparator + text)));
        }

        var lines = texts.Select(text => style.NewLine + indent + text).ToArray();
        var (hasComma, commentEnd) = RestOfLine(lastEnd);
        if (commentEnd < 0)
        {
            return new TextSplice(lastEnd, 0, string.Concat(lines.Select(line => "," + line)));
        }

        var kept = System.Text.Encoding.UTF8.GetString(utf8, lastEnd, commentEnd - lastEnd);
        return new TextSplice(lastEnd, commentEnd - lastEnd, hasComma
            ? kept + string.Concat(lines.Select(line => line + ","))
            : "," + kept + string.Join(",", lines));
    }

    /// <summary>After a value: whether a comma follows on its line, and where a comment that ends the line ends (-1: none).</summary>
    private (bool HasComma, int CommentEnd) RestOfLine(int offset)
    {
        var position = SkipBlanks(offset);
        var hasComma = position < utf8.Length && utf8[position] == (byte)',';
        position = SkipBlanks(hasComma ? position + 1 : position);
        var rest = utf8.AsSpan(position);
        if (style.LineComment is { } marker && rest.StartsWith(System.Text.Encoding.UTF8.GetBytes(marker)))
        {
            var lineEnd = rest.IndexOfAny("\r\n"u8);
            return (hasComma, lineEnd < 0 ? utf8.Length : position + lineEnd);
        }

        if (style.BlockComments && rest.StartsWith("/*"u8))
        {
            var close = rest.IndexOf("*/"u8);
            var lineEnd = rest.IndexOfAny("\r\n"u8);
            if (close >= 0 && (lineEnd < 0 || close < lineEnd))
            {
                return (hasComma, position + close + 2);
            }
        }

        return (hasComma, -1);
    }

    private int SkipBlanks(int offset)
    {
        while (offset < utf8.Length && utf8[offset] is (byte)' ' or (byte)'\t')
        {
            offset++;
        }

        return offset;
    }
}
