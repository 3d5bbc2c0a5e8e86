namespace Prism.Daemon.Transport;

/// <summary>What reading one line of stdin produced.</summary>
internal abstract record InputLine;

/// <summary>A whole line, without its line ending, in its own array (the formatter may keep referring to it).</summary>
internal sealed record CompleteLine(byte[] Utf8) : InputLine;

/// <summary>A line longer than the limit; its bytes were discarded as they arrived.</summary>
internal sealed record OverlongLine(long Length) : InputLine;

/// <summary>stdin is closed: the client is done (or gone).</summary>
internal sealed record EndOfInput : InputLine
{
    public static EndOfInput Instance { get; } = new();
}
