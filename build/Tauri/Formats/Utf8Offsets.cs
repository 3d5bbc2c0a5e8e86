using System.Text;

namespace Prism.Pipeline.Tauri.Formats;

/// <summary>A file's text decoded once, with the byte offset of every character, so parsers that read characters
/// (JSON5, Tomlyn's TOML) give the byte spans the splices work on.</summary>
internal sealed class Utf8Offsets
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];
    private readonly int[] byteOffsets;

    public Utf8Offsets(ReadOnlySpan<byte> utf8)
    {
        BomLength = utf8.StartsWith(Utf8Bom) ? Utf8Bom.Length : 0;
        Text = Encoding.UTF8.GetString(utf8[BomLength..]);
        byteOffsets = new int[Text.Length + 1];
        var offset = BomLength;
        for (var index = 0; index < Text.Length; index++)
        {
            byteOffsets[index] = offset;
            var isPair = char.IsHighSurrogate(Text[index]) && index + 1 < Text.Length && char.IsLowSurrogate(Text[index + 1]);
            offset += isPair ? 4 : Encoding.UTF8.GetByteCount(Text.AsSpan(index, 1));
            if (isPair)
            {
                byteOffsets[++index] = offset - 4;
            }
        }

        byteOffsets[Text.Length] = offset;
    }

    /// <summary>The text after the byte order mark, if any.</summary>
    public string Text { get; }

    /// <summary>3 when the file starts with a UTF-8 byte order mark (kept, and skipped by the parsers), else 0.</summary>
    public int BomLength { get; }

    /// <summary>The byte offset in the file of the character at <paramref name="charIndex"/> (the text's length: the end).</summary>
    public int ByteOffset(int charIndex) => byteOffsets[Math.Clamp(charIndex, 0, Text.Length)];
}
