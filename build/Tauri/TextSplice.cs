using System.Text;

namespace Prism.Pipeline.Tauri;

/// <summary>One edit of a file's bytes: replace <see cref="Length"/> bytes at <see cref="Start"/> with <see cref="Text"/>.</summary>
internal sealed record TextSplice(int Start, int Length, string Text)
{
    /// <summary>The edited copy of <paramref name="utf8"/>; every byte outside the edit stays as it was.</summary>
    public byte[] ApplyTo(ReadOnlySpan<byte> utf8) =>
        [.. utf8[..Start], .. Encoding.UTF8.GetBytes(Text), .. utf8[(Start + Length)..]];
}
