using System.Text;
using System.Xml;

namespace Prism.Pipeline.Tauri.Entitlements;

/// <summary>
/// An entitlements file (an XML property list whose top-level <c>&lt;dict&gt;</c> maps entitlement keys to values), read
/// with <see cref="XmlReader"/> for its structure and positions, so an entitlement is added by splicing two lines into
/// the user's own bytes: every other entitlement, comment, indentation and line ending stays as it was.
/// </summary>
internal sealed class EntitlementsPlist
{
    private readonly string path;
    private readonly byte[] utf8;
    private readonly Dictionary<string, (string ValueElement, int Start)> entries = new(StringComparer.Ordinal);

    private EntitlementsPlist(string path, byte[] utf8)
    {
        this.path = path;
        this.utf8 = utf8;
    }

    /// <summary>Where a new entry goes: after the last value (and a comment ending its line), or before the empty dict's end.</summary>
    private int insertAt;

    /// <summary>The indentation of the dict's entries (or what they get when it has none).</summary>
    private string indent = "\t";

    /// <summary>An empty <c>&lt;dict/&gt;</c>: its span, replaced by a dict holding the new entry.</summary>
    private (int Start, int End)? emptyDict;

    /// <summary>The two lines that grant <paramref name="key"/>, as they go inside the top-level <c>&lt;dict&gt;</c>.</summary>
    public static string Lines(string key, string indent = "\t", string newLine = "\n") =>
        $"{indent}<key>{key}</key>{newLine}{indent}<true/>";

    /// <summary>A new entitlements file granting <paramref name="key"/>, in the layout Xcode writes.</summary>
    public static byte[] Minimal(string key) => Encoding.UTF8.GetBytes(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
        + "<plist version=\"1.0\">\n<dict>\n" + Lines(key) + "\n</dict>\n</plist>\n");

    /// <summary>Parses an entitlements file; a malformed one is reported at <c>path:line:column</c>.</summary>
    public static EntitlementsPlist Parse(string path, byte[] utf8)
    {
        var plist = new EntitlementsPlist(path, utf8);
        plist.Read();
        return plist;
    }

    /// <summary>The element holding <paramref name="key"/>'s value (<c>true</c>, <c>false</c>, <c>string</c>, …), or null when absent.</summary>
    public string? ValueOf(string key) => entries.TryGetValue(key, out var entry) ? entry.ValueElement : null;

    /// <summary>Where <paramref name="key"/> is written, for messages.</summary>
    public TextPosition PositionOf(string key) => TextPosition.Of(path, utf8, entries[key].Start);

    /// <summary>The file with <paramref name="key"/> granted after the last entry, in the file's indentation and line ending.</summary>
    public byte[] WithTrue(string key)
    {
        var newLine = utf8.AsSpan().IndexOf("\r\n"u8) >= 0 ? "\r\n" : "\n";
        if (emptyDict is { } dict)
        {
            var dictIndent = JsonTextStyle.LineIndent(utf8, dict.Start);
            var text = "<dict>" + newLine + Lines(key, dictIndent + JsonTextStyle.DetectIndentUnit(utf8), newLine) + newLine + dictIndent + "</dict>";
            return new TextSplice(dict.Start, dict.End - dict.Start, text).ApplyTo(utf8);
        }

        return new TextSplice(insertAt, 0, newLine + Lines(key, indent, newLine)).ApplyTo(utf8);
    }

    private void Read()
    {
        var lines = new LineOffsets(utf8);
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, IgnoreWhitespace = true };
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(utf8), settings);
            var lineInfo = (IXmlLineInfo)reader;

            // IXmlLineInfo places an element at the first letter of its name, just after its '<'.
            int TagStart() => lines.Offset(lineInfo.LineNumber, lineInfo.LinePosition) - (reader.NodeType == XmlNodeType.EndElement ? 2 : 1);

            if (!reader.ReadToFollowing("plist") || !reader.Read() || reader.NodeType != XmlNodeType.Element || reader.LocalName != "dict")
            {
                throw TauriConfigException.EntitlementsNotADict(TextPosition.Of(path, utf8, lines.Offset(lineInfo.LineNumber, lineInfo.LinePosition)));
            }

            var dictStart = TagStart();
            if (reader.IsEmptyElement)
            {
                emptyDict = (dictStart, TagEnd(dictStart));
                return;
            }

            indent = JsonTextStyle.LineIndent(utf8, dictStart) + JsonTextStyle.DetectIndentUnit(utf8);
            insertAt = TagEnd(dictStart);
            var depth = reader.Depth;
            (string Name, int Start)? key = null;
            var advanced = false;
            while ((advanced || reader.Read()) && reader.Depth > depth)
            {
                advanced = false;
                if (reader.NodeType != XmlNodeType.Element || reader.Depth != depth + 1)
                {
                    continue;
                }

                var start = TagStart();
                if (reader.LocalName == "key")
                {
                    indent = JsonTextStyle.LineIndent(utf8, start);
                    key = (reader.ReadElementContentAsString(), start);
                    // That read stopped on the node after </key>, which this loop must now look at without reading on.
                    advanced = true;
                    continue;
                }

                var end = TagEnd(start);
                if (!reader.IsEmptyElement)
                {
                    var valueDepth = reader.Depth;
                    while (reader.Read() && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == valueDepth))
                    {
                    }

                    end = TagEnd(TagStart());
                }

                if (key is { } named)
                {
                    entries[named.Name] = (reader.LocalName, named.Start);
                    key = null;
                }

                insertAt = AfterLineComment(end);
            }
        }
        catch (XmlException error)
        {
            throw TauriConfigException.EntitlementsMalformed(TextPosition.Of(path, utf8, lines.Offset(error.LineNumber, error.LinePosition)), error.Message);
        }
    }

    /// <summary>The offset after the <c>&gt;</c> that closes the tag whose <c>&lt;</c> is at <paramref name="tagStart"/>.</summary>
    private int TagEnd(int tagStart) => utf8.AsSpan(tagStart).IndexOf((byte)'>') + tagStart + 1;

    /// <summary>Past an XML comment that ends the line after <paramref name="offset"/> (it stays with the entry it follows).</summary>
    private int AfterLineComment(int offset)
    {
        var rest = utf8.AsSpan(offset);
        var blanks = rest.IndexOfAnyExcept(" \t"u8);
        if (blanks < 0 || !rest[blanks..].StartsWith("<!--"u8))
        {
            return offset;
        }

        var close = rest.IndexOf("-->"u8);
        var lineEnd = rest.IndexOfAny("\r\n"u8);
        return close >= 0 && (lineEnd < 0 || close < lineEnd) ? offset + close + 3 : offset;
    }

    /// <summary>A line and 1-based column, as <see cref="IXmlLineInfo"/> counts them (characters), as a byte offset.</summary>
    private sealed class LineOffsets
    {
        private readonly Formats.Utf8Offsets offsets;
        private readonly List<int> lineStarts = [0];

        public LineOffsets(byte[] utf8)
        {
            offsets = new Formats.Utf8Offsets(utf8);
            for (var index = 0; index < offsets.Text.Length; index++)
            {
                if (offsets.Text[index] == '\n')
                {
                    lineStarts.Add(index + 1);
                }
            }
        }

        public int Offset(int line, int column) =>
            offsets.ByteOffset(lineStarts[Math.Clamp(line - 1, 0, lineStarts.Count - 1)] + Math.Max(column - 1, 0));
    }
}
