namespace Prism.Pipeline.Tauri;

/// <summary>Writes the splice that adds entries to a list of strings in the file's own layout: appended after the
/// last entry, or as a new key after the container's last member, creating missing objects on the way.</summary>
internal sealed class StringListEditor(byte[] utf8, JsonTextStyle style, StringListLocation location)
{
    private readonly JsonInsertions insertions = new(utf8, style);

    /// <summary>The splice that makes the list end with <paramref name="entries"/>.</summary>
    public TextSplice Append(IReadOnlyList<string> entries)
    {
        var quoted = entries.Select(JsonInsertions.Quote).ToArray();
        return location.Value switch
        {
            null => InsertMember(location.Container, location.MissingKeys, quoted),
            { Items.Count: > 0 } array => insertions.AppendItems(array, quoted),
            var emptyOrNull => insertions.Fill(emptyOrNull, quoted, insertions.IsBlock(location.Container)),
        };
    }

    /// <summary>Adds <c>"keys[0]": ...</c> as the last member of <paramref name="target"/>.</summary>
    private TextSplice InsertMember(JsonSpan target, IReadOnlyList<string> keys, IReadOnlyList<string> items)
    {
        if (target.Members.Count == 0)
        {
            var indent = insertions.LineIndent(target.Start);
            return new TextSplice(target.Start, target.End - target.Start, ValueText(keys, items, indent, !style.IsSingleLine));
        }

        var block = insertions.IsBlock(target);
        var memberIndent = block ? insertions.LineIndent(target.Members[^1].NameStart) : string.Empty;
        return insertions.AppendMember(target, keys[0], ValueText(keys.Skip(1).ToArray(), items, memberIndent, block));
    }

    /// <summary>The text of an object nesting <paramref name="keys"/> down to the array of items (just the array when no keys).</summary>
    private string ValueText(IReadOnlyList<string> keys, IReadOnlyList<string> items, string indent, bool block)
    {
        if (keys.Count == 0)
        {
            return insertions.ArrayText(items, indent, block);
        }

        var inner = indent + style.IndentUnit;
        var member = JsonInsertions.Quote(keys[0]) + style.KeySeparator + ValueText(keys.Skip(1).ToArray(), items, inner, block);
        return block
            ? "{" + style.NewLine + inner + member + style.NewLine + indent + "}"
            : "{" + member + "}";
    }
}
