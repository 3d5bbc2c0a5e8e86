using System.Globalization;
using System.Text.Json;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace Prism.Pipeline.Tauri.Formats;

/// <summary>
/// Reads a <c>Tauri.toml</c> with Tomlyn's syntax tree (which keeps every byte) into the <see cref="JsonSpan"/> tree the
/// JSON formats share: tables from headers, dotted keys and inline tables become objects, <c>[[x]]</c> arrays of
/// objects, each value with its byte span. Beside it, where each table takes a new key (<see cref="TomlPlace"/>).
/// </summary>
internal sealed class TomlSpanReader
{
    private readonly string path;
    private readonly byte[] utf8;
    private readonly Utf8Offsets offsets;
    private readonly Dictionary<TableNode, TomlPlace> places = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<JsonSpan, TomlPlace> frozenPlaces = new(ReferenceEqualityComparer.Instance);

    private TomlSpanReader(string path, byte[] utf8)
    {
        this.path = path;
        this.utf8 = utf8;
        offsets = new Utf8Offsets(utf8);
    }

    /// <summary>The parsed file: its tree, each table's place, and the key/value separator its first key line uses.</summary>
    public sealed record Result(JsonSpan Root, IReadOnlyDictionary<JsonSpan, TomlPlace> Places, string KeySeparator);

    /// <summary>Parses the whole file; a syntax or TOML semantics error (a key defined twice) becomes a
    /// <see cref="TauriConfigException"/> at <c>path:line:column</c>.</summary>
    public static Result Read(string path, byte[] utf8) => new TomlSpanReader(path, utf8).Read();

    private Result Read()
    {
        var document = SyntaxParser.Parse(offsets.Text, path, true);
        if (document.HasErrors)
        {
            var error = document.Diagnostics.First(message => message.Kind == DiagnosticMessageKind.Error);
            throw TauriConfigException.Malformed(Position(error.Span.Start.Offset), error.Message, "TOML");
        }

        var root = new TableNode(offsets.BomLength);
        var rootPlace = SectionPlace(document.KeyValues, null) with { IsRoot = true };
        places[root] = rootPlace;
        foreach (var keyValue in document.KeyValues)
        {
            AddKeyValue(root, keyValue, rootPlace);
        }

        foreach (var table in document.Tables)
        {
            AddTable(root, table);
        }

        var first = document.KeyValues.FirstOrDefault() ?? document.Tables.SelectMany(table => table.Items).FirstOrDefault();
        var separator = first is null ? " = " : offsets.Text[(first.Key!.Span.End.Offset + 1)..first.Value!.Span.Start.Offset];
        return new Result(Freeze(root), frozenPlaces, separator);
    }

    /// <summary>A <c>[header]</c> or <c>[[header]]</c> and its key lines.</summary>
    private void AddTable(TableNode root, TableSyntaxBase table)
    {
        var segments = Segments(table.Name!);
        var start = Byte(table.Span.Start.Offset);
        var parent = Walk(root, segments.SkipLast(1), start);
        var name = segments[^1];
        var place = SectionPlace(table.Items, table);
        TableNode section;
        if (table is TableArraySyntax)
        {
            var array = parent.Get(name.Name) as TableArrayNode ?? parent.Set(name, new TableArrayNode(start));
            section = new TableNode(start);
            array.Tables.Add(section);
        }
        else
        {
            // A table a deeper header implied before ([a.b] above [a]) is defined by this header from now on.
            section = parent.Get(name.Name) as TableNode ?? parent.Set(name, new TableNode(start));
        }

        places[section] = place;
        foreach (var keyValue in table.Items)
        {
            AddKeyValue(section, keyValue, place);
        }
    }

    /// <summary>A key line (or an inline table's item): its dotted keys define tables on the way, each taking new keys
    /// where this line is (after it, with the same key prefix).</summary>
    private void AddKeyValue(TableNode table, KeyValueSyntax keyValue, TomlPlace place)
    {
        var segments = Segments(keyValue.Key!);
        var prefix = "";
        foreach (var segment in segments.SkipLast(1))
        {
            prefix += segment.Written + ".";
            var next = table.Get(segment.Name) as TableNode ?? table.Set(segment, new TableNode(segment.Start));
            places[next] = place switch
            {
                TomlLinePlace line => new TomlLinePlace(AfterLine(keyValue, out var afterLastLine),
                    JsonTextStyle.LineIndent(utf8, Byte(keyValue.Span.Start.Offset)), line.KeyPrefix + prefix, afterLastLine),
                TomlInlinePlace inline => inline with { KeyPrefix = inline.KeyPrefix + prefix },
                _ => place,
            };
            table = next;
        }

        table.Set(segments[^1], Value(keyValue.Value!));
    }

    private object Value(ValueSyntax value)
    {
        var start = Byte(value.Span.Start.Offset);
        var end = Byte(value.Span.End.Offset + 1);
        switch (value)
        {
            case StringValueSyntax text:
                return new JsonSpan(JsonTokenType.String, start, end, [], [], text.Value);
            case IntegerValueSyntax integer:
                return Number(start, end, integer.Value.ToString(CultureInfo.InvariantCulture));
            case FloatValueSyntax number:
                // serde_json holds no NaN or infinity: Tauri's reader turns them into null, and so does the conversion here.
                return Number(start, end, double.IsFinite(number.Value) ? number.Value.ToString("R", CultureInfo.InvariantCulture) : null);
            case BooleanValueSyntax boolean:
                return new JsonSpan(boolean.Value ? JsonTokenType.True : JsonTokenType.False, start, end, [], [], null);
            case DateTimeValueSyntax dateTime:
                return new JsonSpan(JsonTokenType.String, start, end, [], [], dateTime.Token?.Text);
            case ArraySyntax array:
                return new JsonSpan(JsonTokenType.StartArray, start, end, [], [.. array.Items.Select(item => Freeze(Value(item.Value!)))], null);
            case InlineTableSyntax inline:
            {
                var items = inline.Items.ToList();
                var place = new TomlInlinePlace(start, end - 1, items.Count == 0 ? -1 : Byte(items[^1].KeyValue!.Span.End.Offset + 1), "");
                var table = new TableNode(start) { End = end };
                places[table] = place;
                foreach (var item in items)
                {
                    AddKeyValue(table, item.KeyValue!, place);
                }

                return table;
            }

            default:
                throw TauriConfigException.Malformed(Position(value.Span.Start.Offset), "a value this build cannot read", "TOML");
        }
    }

    private static JsonSpan Number(int start, int end, string? text) => new(JsonTokenType.Number, start, end, [], [], null) { NumberText = text };

    /// <summary>Where a new key line of a section goes: after its last key line, else after its header (or at the top).</summary>
    private TomlLinePlace SectionPlace(SyntaxList<KeyValueSyntax> keyValues, TableSyntaxBase? header)
    {
        if (keyValues.ChildrenCount > 0)
        {
            var last = keyValues.Last();
            return new TomlLinePlace(AfterLine(last, out var afterLastLine), JsonTextStyle.LineIndent(utf8, Byte(last.Span.Start.Offset)), "", afterLastLine);
        }

        if (header is null)
        {
            return new TomlLinePlace(offsets.BomLength, "", "", false);
        }

        var indent = JsonTextStyle.LineIndent(utf8, Byte(header.Span.Start.Offset));
        return header.EndOfLineToken is { } endOfLine
            ? new TomlLinePlace(Byte(endOfLine.Span.End.Offset + 1), indent, "", false)
            : new TomlLinePlace(Byte(header.Span.End.Offset + 1), indent, "", true);
    }

    /// <summary>The offset just after a key line's line break (or its end, at the end of a file without one).</summary>
    private int AfterLine(KeyValueSyntax keyValue, out bool afterLastLine)
    {
        afterLastLine = keyValue.EndOfLineToken is null;
        return Byte((keyValue.EndOfLineToken?.Span.End.Offset ?? keyValue.Span.End.Offset) + 1);
    }

    /// <summary>A key's segments: each one's value, how it is written (bare or quoted) and its byte span.</summary>
    private List<Segment> Segments(KeySyntax key)
    {
        var parts = new List<BareKeyOrStringValueSyntax> { key.Key! };
        parts.AddRange(key.DotKeys.Select(dotted => dotted.Key!));
        return
        [
            .. parts.Select(part => new Segment(
                part switch
                {
                    BareKeySyntax bare => bare.Key!.Text!,
                    StringValueSyntax quoted => quoted.Value!,
                    _ => offsets.Text[part.Span.Start.Offset..(part.Span.End.Offset + 1)],
                },
                offsets.Text[part.Span.Start.Offset..(part.Span.End.Offset + 1)],
                Byte(part.Span.Start.Offset),
                Byte(part.Span.End.Offset + 1))),
        ];
    }

    /// <summary>Follows header segments from the root, creating the tables a header implies (which take a new key in a
    /// new section); an array of tables on the way means its last table, as TOML reads <c>[a.b]</c> after <c>[[a]]</c>.</summary>
    private TableNode Walk(TableNode table, IEnumerable<Segment> segments, int headerStart)
    {
        var written = new List<string>();
        foreach (var segment in segments)
        {
            written.Add(segment.Written);
            table = table.Get(segment.Name) switch
            {
                TableNode existing => existing,
                TableArrayNode array => array.Tables[^1],
                _ => Implied(table, segment, headerStart, [.. written]),
            };
        }

        return table;
    }

    private TableNode Implied(TableNode parent, Segment segment, int headerStart, IReadOnlyList<string> written)
    {
        var node = parent.Set(segment, new TableNode(headerStart));
        places[node] = new TomlImplicitPlace(written);
        return node;
    }

    private JsonSpan Freeze(object value)
    {
        switch (value)
        {
            case TableNode table:
            {
                var members = table.Members.Select(member => new JsonSpanMember(member.Segment.Name, member.Segment.Start, member.Segment.End, Freeze(member.Value))).ToList();
                var span = new JsonSpan(JsonTokenType.StartObject, table.Start, table.End ?? table.Start, members, [], null);
                frozenPlaces[span] = places[table];
                return span;
            }

            case TableArrayNode array:
                return new JsonSpan(JsonTokenType.StartArray, array.Start, array.Start, [], [.. array.Tables.Select(Freeze)], null);
            default:
                return (JsonSpan)value;
        }
    }

    private int Byte(int charIndex) => offsets.ByteOffset(charIndex);

    private TextPosition Position(int charIndex) => TextPosition.Of(path, utf8, Byte(charIndex));

    /// <summary>One segment of a key: its name, how the file writes it, and its byte span.</summary>
    private sealed record Segment(string Name, string Written, int Start, int End);

    /// <summary>A table while the file is read; frozen into a <see cref="JsonSpan"/> at the end.</summary>
    private sealed class TableNode(int start)
    {
        public int Start { get; } = start;

        public int? End { get; init; }

        public List<(Segment Segment, object Value)> Members { get; } = [];

        public object? Get(string name) => Members.FindLast(member => member.Segment.Name == name).Value;

        public T Set<T>(Segment segment, T value)
            where T : notnull
        {
            Members.Add((segment, value));
            return value;
        }
    }

    private sealed class TableArrayNode(int start)
    {
        public int Start { get; } = start;

        public List<TableNode> Tables { get; } = [];
    }
}
