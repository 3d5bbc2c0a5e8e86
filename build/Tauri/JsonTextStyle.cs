namespace Prism.Pipeline.Tauri;

/// <summary>How a JSON file is laid out — newline, indentation unit, key/value separator, one line or many —
/// so text added to it looks as if it had always been there.</summary>
internal sealed record JsonTextStyle(string NewLine, string IndentUnit, string KeySeparator, bool IsSingleLine)
{
    /// <summary>Reads the style from the file's own bytes.</summary>
    public static JsonTextStyle Detect(ReadOnlySpan<byte> utf8, JsonSpan root)
    {
        var newLine = utf8.IndexOf("\r\n"u8) >= 0 ? "\r\n" : "\n";
        var isSingleLine = utf8.TrimEnd("\r\n"u8).IndexOf((byte)'\n') < 0;
        var separator = root.Members.Count > 0
            ? System.Text.Encoding.UTF8.GetString(utf8[root.Members[0].NameEnd..root.Members[0].Value.Start])
            : ": ";
        return new JsonTextStyle(newLine, DetectIndentUnit(utf8), separator, isSingleLine);
    }

    /// <summary>The separator between items written on one line.</summary>
    public string InlineItemSeparator => IsSingleLine && KeySeparator == ":" ? "," : ", ";

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
    private static string DetectIndentUnit(ReadOnlySpan<byte> utf8)
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
}
