namespace Prism.Pipeline.Tauri.Formats;

/// <summary>
/// Writes the splice that adds to a <c>Tauri.toml</c> in its own layout: entries appended to an array (the bracket
/// syntax is JSON's, so <see cref="JsonInsertions"/> does it, with <c>#</c> comments), and a missing key — in
/// Tauri's kebab-case — where its table takes keys (<see cref="TomlPlace"/>): a line of the table's section (dotted
/// below it: <c>linux.deb.depends = [...]</c>), an item of an inline table, or a new section at the end of the file.
/// </summary>
internal sealed class TomlTextEditor(byte[] utf8, JsonTextStyle style, IReadOnlyDictionary<JsonSpan, TomlPlace> places) : IConfigTextEditor
{
    private readonly JsonInsertions insertions = new(utf8, style);

    public TextSplice Append(StringListLocation location, IReadOnlyList<string> entries)
    {
        var quoted = entries.Select(style.String).ToArray();
        return location.Value switch
        {
            null => Insert(location.Container, location.MissingKeys, "[" + string.Join(", ", quoted) + "]"),
            { Items.Count: > 0 } array => insertions.AppendItems(array, quoted),
            var empty => insertions.FillEmpty(empty, quoted, insertions.IsBlock(empty)),
        };
    }

    public TextSplice AddString(JsonSpan container, IReadOnlyList<string> missingKeys, string value) =>
        Insert(container, missingKeys, style.String(value));

    private TextSplice Insert(JsonSpan container, IReadOnlyList<string> keys, string valueText)
    {
        var written = keys.Select(TauriKeyNames.Kebab).ToArray();
        var dotted = string.Join('.', written);
        switch (places[container])
        {
            case TomlLinePlace { IsRoot: true } when written.Length > 1:
                return NewSection(written[..^1], written[^1], valueText);
            case TomlImplicitPlace implicitTable:
                return NewSection([.. implicitTable.PathAsWritten, .. written[..^1]], written[^1], valueText);
            case TomlLinePlace line:
            {
                var text = line.Indent + line.KeyPrefix + dotted + style.KeySeparator + valueText;
                return new TextSplice(line.InsertAt, 0, line.AfterLastLine ? style.NewLine + text : text + style.NewLine);
            }

            case TomlInlinePlace inline:
            {
                var item = inline.KeyPrefix + dotted + style.KeySeparator + valueText;
                return inline.LastItemEnd < 0
                    ? new TextSplice(inline.OpenBrace, inline.CloseBrace + 1 - inline.OpenBrace, "{ " + item + " }")
                    : new TextSplice(inline.LastItemEnd, 0, ", " + item);
            }

            default:
                throw new InvalidOperationException("unreachable: every TOML table has a place");
        }
    }

    /// <summary>A new <c>[section]</c> holding one key, at the end of the file, a blank line after what is there.</summary>
    private TextSplice NewSection(IReadOnlyList<string> header, string key, string valueText)
    {
        var content = utf8.AsSpan().TrimEnd(" \t"u8);
        var isEmpty = content.Length == 0 || content.SequenceEqual(new byte[] { 0xEF, 0xBB, 0xBF });
        var endsWithNewLine = content.EndsWith("\n"u8);
        var endsWithBlankLine = content.EndsWith("\n\n"u8) || content.EndsWith("\r\n\r\n"u8);
        var lead = isEmpty || endsWithBlankLine ? "" : endsWithNewLine ? style.NewLine : style.NewLine + style.NewLine;
        var section = "[" + string.Join('.', header) + "]" + style.NewLine + key + style.KeySeparator + valueText;
        return new TextSplice(utf8.Length, 0, lead + section + (endsWithNewLine || isEmpty ? style.NewLine : ""));
    }
}
