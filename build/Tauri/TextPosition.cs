namespace Prism.Pipeline.Tauri;

/// <summary>A place in a file, rendered as <c>path:line:column</c> with 1-based line and column.</summary>
public readonly record struct TextPosition(string Path, int Line, int Column)
{
    /// <summary>The position of a byte offset in UTF-8 text (columns count characters, not bytes).</summary>
    public static TextPosition Of(string path, ReadOnlySpan<byte> utf8, int offset)
    {
        var before = utf8[..Math.Min(offset, utf8.Length)];
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        var line = before.Count((byte)'\n') + 1;
        var column = 1;
        foreach (var b in before[lineStart..])
        {
            // Continuation bytes of a multi-byte character do not start a new column.
            column += (b & 0xC0) == 0x80 ? 0 : 1;
        }

        return new TextPosition(path, line, column);
    }

    public override string ToString() => $"{Path}:{Line}:{Column}";
}
