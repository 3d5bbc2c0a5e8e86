using System.Text.Json;

namespace Prism.Pipeline.Tauri;

/// <summary>Parses strict JSON (no comments, no trailing commas) into <see cref="JsonSpan"/>s so a change can be
/// spliced into the original bytes without reformatting anything else.</summary>
internal static class JsonSpanParser
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>Parses the whole file; a syntax error becomes a <see cref="TauriConfigException"/> at <c>path:line:column</c>.</summary>
    public static JsonSpan Parse(string path, ReadOnlySpan<byte> utf8)
    {
        // Utf8JsonReader does not skip a byte order mark; parse after it and keep offsets file-relative.
        var bomLength = utf8.StartsWith(Utf8Bom) ? Utf8Bom.Length : 0;
        var reader = new Utf8JsonReader(utf8[bomLength..], new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            reader.Read();
            var root = ReadValue(ref reader, bomLength);
            reader.Read();
            return root;
        }
        catch (JsonException error)
        {
            throw SyntaxError(path, utf8, bomLength, error);
        }
    }

    /// <summary>Reads the value at the reader's current token, including everything nested in it.</summary>
    private static JsonSpan ReadValue(ref Utf8JsonReader reader, int shift)
    {
        var start = (int)reader.TokenStartIndex + shift;
        return reader.TokenType switch
        {
            JsonTokenType.StartObject => ReadObject(ref reader, start, shift),
            JsonTokenType.StartArray => ReadArray(ref reader, start, shift),
            JsonTokenType.String => new(JsonTokenType.String, start, (int)reader.BytesConsumed + shift, [], [], reader.GetString()),
            _ => new(reader.TokenType, start, (int)reader.BytesConsumed + shift, [], [], null),
        };
    }

    private static JsonSpan ReadObject(ref Utf8JsonReader reader, int start, int shift)
    {
        var members = new List<JsonSpanMember>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            var nameStart = (int)reader.TokenStartIndex + shift;
            // BytesConsumed already counts the colon; the raw (still escaped) name plus its two quotes ends the token.
            var nameEnd = nameStart + reader.ValueSpan.Length + 2;
            reader.Read();
            members.Add(new JsonSpanMember(name, nameStart, nameEnd, ReadValue(ref reader, shift)));
        }

        return new(JsonTokenType.StartObject, start, (int)reader.BytesConsumed + shift, members, [], null);
    }

    private static JsonSpan ReadArray(ref Utf8JsonReader reader, int start, int shift)
    {
        var items = new List<JsonSpan>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(ReadValue(ref reader, shift));
        }

        return new(JsonTokenType.StartArray, start, (int)reader.BytesConsumed + shift, [], items, null);
    }

    /// <summary>Turns the reader's error into one that names the file, line and column, and recognises comments.</summary>
    private static TauriConfigException SyntaxError(string path, ReadOnlySpan<byte> utf8, int bomLength, JsonException error)
    {
        var offset = OffsetOf(utf8, bomLength, error.LineNumber ?? 0, error.BytePositionInLine ?? 0);
        var where = TextPosition.Of(path, utf8, offset);
        var rest = utf8[Math.Min(offset, utf8.Length)..];
        if (rest.StartsWith("//"u8) || rest.StartsWith("/*"u8))
        {
            return TauriConfigException.CommentsNotAllowed(where);
        }

        return TauriConfigException.Malformed(where, ReaderProblem(error.Message));
    }

    /// <summary>The byte offset of a 0-based line and byte-in-line position reported by the reader.</summary>
    private static int OffsetOf(ReadOnlySpan<byte> utf8, int bomLength, long line, long bytePositionInLine)
    {
        var offset = bomLength;
        for (var current = 0L; current < line; current++)
        {
            offset += utf8[offset..].IndexOf((byte)'\n') + 1;
        }

        return offset + (int)bytePositionInLine;
    }

    /// <summary>The reader's message without its own 0-based "LineNumber: .. | BytePositionInLine: .." suffix.</summary>
    private static string ReaderProblem(string message)
    {
        var suffix = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return suffix < 0 ? message : message[..suffix];
    }
}
