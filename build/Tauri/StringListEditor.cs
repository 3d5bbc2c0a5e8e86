namespace Prism.Pipeline.Tauri;

/// <summary>Writes the splice that adds entries to a list of strings in a JSON or JSON5 file's own layout: appended after
/// the last entry, or as a new key after the container's last member, creating missing objects on the way; and a new
/// string member the same way.</summary>
internal sealed class StringListEditor(byte[] utf8, JsonTextStyle style) : IConfigTextEditor
{
    private readonly JsonInsertions insertions = new(utf8, style);

    /// <summary>The splice that makes the list end with <paramref name="entries"/>.</summary>
    public TextSplice Append(StringListLocation location, IReadOnlyList<string> entries)
    {
        var quoted = entries.Select(style.String).ToArray();
        return location.Value switch
        {
            null => InsertMember(location.Container, location.MissingKeys, (indent, block) => insertions.ArrayText(quoted, indent, block)),
            { Items.Count: > 0 } array => insertions.AppendItems(array, quoted),
            var emptyOrNull => insertions.Fill(emptyOrNull, quoted, insertions.IsBlock(location.Container)),
        };
    }

    public TextSplice AddString(JsonSpan container, IReadOnlyList<string> missingKeys, string value) =>
        InsertMember(container, missingKeys, (_, _) => style.String(value));

    /// <summary>Adds <c>"keys[0]": ...</c> as the last member of <paramref name="target"/>, the innermost value written by <paramref name="leaf"/>.</summary>
    private TextSplice InsertMember(JsonSpan target, IReadOnlyList<string> keys, Func<string, bool, string> leaf)
    {
        if (target.Members.Count == 0)
        {
            var indent = insertions.LineIndent(target.Start);
            var block = !style.IsSingleLine;
            var member = style.Key(keys[0]) + style.KeySeparator + ValueText(keys.Skip(1).ToArray(), leaf, indent + style.IndentUnit, block);
            return insertions.FillEmpty(target, [member], block);
        }

        var isBlock = insertions.IsBlock(target);
        var memberIndent = isBlock ? insertions.LineIndent(target.Members[^1].NameStart) : string.Empty;
        return insertions.AppendMember(target, keys[0], ValueText(keys.Skip(1).ToArray(), leaf, memberIndent, isBlock));
    }

    /// <summary>The text of an object nesting <paramref name="keys"/> down to the leaf value (just the leaf when no keys).</summary>
    private string ValueText(string[] keys, Func<string, bool, string> leaf, string indent, bool block)
    {
        if (keys.Length == 0)
        {
            return leaf(indent, block);
        }

        var inner = indent + style.IndentUnit;
        var member = style.Key(keys[0]) + style.KeySeparator + ValueText(keys.Skip(1).ToArray(), leaf, inner, block);
        return block
            ? "{" + style.NewLine + inner + member + style.NewLine + indent + "}"
            : "{" + member + "}";
    }
}
