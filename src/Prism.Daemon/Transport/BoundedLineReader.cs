using System.Buffers;

namespace Prism.Daemon.Transport;

/// <summary>
/// Splits a stream into LF-terminated lines (a trailing CR is dropped) while holding at most
/// <see cref="MaxLineBytes"/> bytes of any line: the rest of an over-long line is skipped as it arrives,
/// so no input can make the daemon buffer without bound.
/// </summary>
internal sealed class BoundedLineReader(Stream input, int maxLineBytes)
{
    /// <summary>The line limit of the contract's transport: 1 MiB.</summary>
    public const int DefaultMaxLineBytes = 1024 * 1024;

    private readonly byte[] chunk = new byte[64 * 1024];
    private readonly ArrayBufferWriter<byte> line = new();
    private int chunkStart;
    private int chunkEnd;

    public int MaxLineBytes { get; } = maxLineBytes;

    /// <summary>Reads the next line, reports an over-long one, or reports the end of input.</summary>
    public async ValueTask<InputLine> ReadLineAsync(CancellationToken cancellationToken)
    {
        line.ResetWrittenCount();
        long length = 0;
        while (true)
        {
            if (chunkStart == chunkEnd && !await FillChunkAsync(cancellationToken))
            {
                return length == 0 ? EndOfInput.Instance : Finish(length);
            }

            var available = chunk.AsSpan(chunkStart, chunkEnd - chunkStart);
            var newline = available.IndexOf((byte)'\n');
            var part = newline < 0 ? available : available[..newline];
            length += part.Length;
            if (length <= MaxLineBytes)
            {
                line.Write(part);
            }

            chunkStart += newline < 0 ? available.Length : newline + 1;
            if (newline >= 0)
            {
                return Finish(length);
            }
        }
    }

    private async ValueTask<bool> FillChunkAsync(CancellationToken cancellationToken)
    {
        var read = await input.ReadAsync(chunk, cancellationToken);
        chunkStart = 0;
        chunkEnd = read;
        return read > 0;
    }

    private InputLine Finish(long length)
    {
        if (length > MaxLineBytes)
        {
            return new OverlongLine(length);
        }

        var bytes = line.WrittenSpan;
        if (bytes.Length > 0 && bytes[^1] == (byte)'\r')
        {
            bytes = bytes[..^1];
        }

        return new CompleteLine(bytes.ToArray());
    }
}
