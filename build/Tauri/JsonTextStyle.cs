using System.Text.Encodings.Web;
using System.Text.Json;

namespace Prism.Pipeline.Tauri;

/// <summary>How a config file is laid out — newline, indentation unit, key/value separator, one line or many, and for
/// JSON5 and TOML the comment marker and quotes it uses — so text added to it looks as if it had always been there.</summary>
internal sealed record JsonTextStyle(string NewLine, string IndentUnit, string KeySeparator, bool IsSingleLine)
{
    /// <summary>What starts a comment running to the end of the line (<c>//</c> in JSON5, <c>#</c> in TOML); null in strict JSON.</summary>
    public string? LineComment { get; init; }

    /// <summary>Whether <c>/* … */</c> comments occur (JSON5).</summary>
    public bool BlockComments { get; init; }

    /// <summary>The quote the file's strings use: <c>"</c>, or <c>'</c> (a JSON5 single-quoted string, a TOML literal string).</summary>
    public char StringQuote { get; init; } = '"';

    /// <summary>How member names are written: <c>"</c>, <c>'</c>, or null for bare identifiers (JSON5).</summary>
    public char? KeyQuote { get; init; } = '"';

    /// <summary>Reads the style of a JSON or JSON5 file from its own bytes.</summary>
    public static JsonTextStyle Detect(ReadOnlySpan<byte> utf8, JsonSpan root, bool json5 = false)
    {
        var newLine = utf8.IndexOf("\r\n"u8) >= 0 ? "\r\n" : "\n";
        var isSingleLine = utf8.TrimEnd("\r\n"u8).IndexOf((byte)'\n') < 0;
        var separator = root.Members.Count > 0
            ? System.Text.Encoding.UTF8.GetString(utf8[root.Members[0].NameEnd..root.Members[0].Value.Start])
            : ": ";
        var style = new JsonTextStyle(newLine, MemberIndentUnit(utf8, root) ?? DetectIndentUnit(utf8), separator, isSingleLine);
        if (!json5)
        {
            return style;
        }

        var firstName = root.Members.Count > 0 ? utf8[root.Members[0].NameStart] : (byte)'"';
        return style with
        {
            LineComment = "//",
            BlockComments = true,
            KeyQuote = firstName is (byte)'"' or (byte)'\'' ? (char)firstName : null,
            StringQuote = FirstString(root) is { } text && utf8[text.Start] == (byte)'\'' ? '\'' : '"',
        };
    }

    /// <summary>The separator between items written on one line.</summary>
    public string InlineItemSeparator => IsSingleLine && KeySeparator == ":" ? "," : ", ";

    /// <summary>A string literal in the file's quotes, escaping only what the format requires.</summary>
    public string String(string text)
    {
        var escaped = JsonEncodedText.Encode(text, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString();
        if (StringQuote == '"')
        {
            return "\"" + escaped + "\"";
        }

        // A TOML literal string has no escapes at all: one that needs any falls back to a basic (double-quoted) string.
        return LineComment == "#"
            ? escaped == text && !text.Contains('\'') ? "'" + text + "'" : "\"" + escaped + "\""
            : "'" + escaped.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
    }

    /// <summary>A member name as the file writes them: quoted, or bare when the file's keys are and the name is an identifier.</summary>
    public string Key(string name) => KeyQuote switch
    {
        null when name.Length > 0 && (char.IsLetter(name[0]) || name[0] is '$' or '_') && name.All(character => char.IsLetterOrDigit(character) || character is '$' or '_') => name,
        '\'' => (this with { StringQuote = '\'' }).String(name),
        _ => (this with { StringQuote = '"' }).String(name),
    };

    /// <summary>The whitespace that starts the line holding <paramref name="offset"/>.</summary>
    public static string LineIndent(ReadOnlySpan<byte> utf8, int offset)
    {
        var lineStart = utf8[..offset].LastIndexOf((byte)'\n') + 1;
        var line = utf8[lineStart..];
        var length = line.IndexOfAnyExcept(" \t"u8);
        return System.Text.Encoding.UTF8.GetString(line[..(length < 0 ? line.Length : length)]);
    }

    /// <summary>Whether a newline lies between two offsets (a block laid out over several lines).</summary>
    public static bool SpansLines(ReadOnlySpan<byte> utf8, int start, int end) => utf8[start..end].IndexOf((byte)'\n') >= 0;

    /// <summary>The indentation of the first indented line: a tab, or that many spaces; two spaces when nothing is indented.</summary>
    public static string DetectIndentUnit(ReadOnlySpan<byte> utf8)
    {
        var rest = utf8;
        for (var newline = rest.IndexOf((byte)'\n'); newline >= 0; newline = rest.IndexOf((byte)'\n'))
        {
            rest = rest[(newline + 1)..];
            if (rest.Length > 0 && rest[0] == (byte)'\t')
            {
                return "\t";
            }

            var spaces = rest.IndexOfAnyExcept((byte)' ');
            if (spaces > 0 && rest.Length > spaces && rest[spaces] is not (byte)'\r' and not (byte)'\n')
            {
                return new string(' ', spaces);
            }
        }

        return "  ";
    }

    /// <summary>How far the root's first member is indented past the root's own line, when it starts a line of its own
    /// (a comment's continuation lines say nothing about the file's indentation); null otherwise.</summary>
    private static string? MemberIndentUnit(ReadOnlySpan<byte> utf8, JsonSpan root)
    {
        if (root.Members.Count == 0 || !SpansLines(utf8, root.Start, root.Members[0].NameStart))
        {
            return null;
        }

        var (outer, inner) = (LineIndent(utf8, root.Start), LineIndent(utf8, root.Members[0].NameStart));
        return inner.Length > outer.Length && inner.StartsWith(outer, StringComparison.Ordinal) ? inner[outer.Length..] : null;
    }

    /// <summary>The first string value in the tree (its first byte is the quote the file uses), or null.</summary>
    public static JsonSpan? FirstString(JsonSpan value) =>
        value.Kind == JsonTokenType.String
            ? value
            : value.Members.Select(member => member.Value).Concat(value.Items).Select(FirstString).FirstOrDefault(found => found is not null);
}
