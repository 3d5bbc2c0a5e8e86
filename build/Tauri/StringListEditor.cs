using System.Text.Encodings.Web;
using System.Text.Json;

namespace Prism.Pipeline.Tauri;

/// <summary>Writes the splice that adds entries to a list of strings in the file's own layout: appended after the
/// last entry, or as a new key after the container's last member, creating missing objects on the way.</summary>
internal sealed class StringListEditor(byte[] utf8, JsonTextStyle style, StringListLocation location)
{
    /// <summary>The splice that makes the list end with <paramref name="entries"/>.</summary>
    public TextSplice Append(IReadOnlyList<string> entries) => location.Value switch
    {
        null => InsertMember(location.Container, location.MissingKeys, entries),
        { Items.Count: > 0 } array => AppendItems(array, entries),
        var emptyOrNull => new TextSplice(emptyOrNull.Start, emptyOrNull.End - emptyOrNull.Start,
            ArrayText(entries, JsonTextStyle.LineIndent(utf8, emptyOrNull.Start), IsBlock(location.Container))),
    };

    /// <summary>Adds <c>"keys[0]": ...</c> as the last member of <paramref name="target"/>.</summary>
    private TextSplice InsertMember(JsonSpan target, IReadOnlyList<string> keys, IReadOnlyList<string> entries)
    {
        if (target.Members.Count == 0)
        {
            var indent = JsonTextStyle.LineIndent(utf8, target.Start);
            return new TextSplice(target.Start, target.End - target.Start, ValueText(keys, entries, indent, !style.IsSingleLine));
        }

        var last = target.Members[^1];
        var block = IsBlock(target);
        var memberIndent = block ? JsonTextStyle.LineIndent(utf8, last.NameStart) : string.Empty;
        var lead = block ? "," + style.NewLine + memberIndent : style.InlineItemSeparator;
        var member = Quote(keys[0]) + style.KeySeparator + ValueText(keys.Skip(1).ToArray(), entries, memberIndent, block);
        return new TextSplice(last.Value.End, 0, lead + member);
    }

    /// <summary>Adds entries after the last one of a non-empty array, one per line when the array is laid out so.</summary>
    private TextSplice AppendItems(JsonSpan array, IReadOnlyList<string> entries)
    {
        var last = array.Items[^1];
        var lead = IsBlock(array) ? "," + style.NewLine + JsonTextStyle.LineIndent(utf8, last.Start) : style.InlineItemSeparator;
        return new TextSplice(last.End, 0, string.Concat(entries.Select(entry => lead + Quote(entry))));
    }

    /// <summary>The text of an object nesting <paramref name="keys"/> down to the array of entries (just the array when no keys).</summary>
    private string ValueText(IReadOnlyList<string> keys, IReadOnlyList<string> entries, string indent, bool block)
    {
        if (keys.Count == 0)
        {
            return ArrayText(entries, indent, block);
        }

        var inner = indent + style.IndentUnit;
        var member = Quote(keys[0]) + style.KeySeparator + ValueText(keys.Skip(1).ToArray(), entries, inner, block);
        return block
            ? "{" + style.NewLine + inner + member + style.NewLine + indent + "}"
            : "{" + member + "}";
    }

    private string ArrayText(IReadOnlyList<string> entries, string indent, bool block) => block
        ? "[" + string.Join(",", entries.Select(entry => style.NewLine + indent + style.IndentUnit + Quote(entry))) + style.NewLine + indent + "]"
        : "[" + string.Join(style.InlineItemSeparator, entries.Select(Quote)) + "]";

    /// <summary>Whether a value is laid out over several lines (new text then goes on lines of its own).</summary>
    private bool IsBlock(JsonSpan value) => JsonTextStyle.SpansLines(utf8, value.Start, value.End);

    private static string Quote(string text) => "\"" + JsonEncodedText.Encode(text, JavaScriptEncoder.UnsafeRelaxedJsonEscaping) + "\"";
}
