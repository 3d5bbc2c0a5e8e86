using System.Buffers;

namespace Prism.Daemon.Transport;

/// <summary>
/// The only writer of stdout. Each message becomes one LF-terminated line written with a single call and
/// flushed at once, one message at a time, so replies from the RPC engine and from the transport never interleave.
/// </summary>
internal sealed class ProtocolWriter(Stream output) : IDisposable
{
    private readonly SemaphoreSlim oneAtATime = new(1, 1);
    private readonly ArrayBufferWriter<byte> buffer = new();

    /// <summary>Writes the JSON that <paramref name="serialize"/> produces as one line, then flushes.</summary>
    public async ValueTask WriteLineAsync(Action<IBufferWriter<byte>> serialize, CancellationToken cancellationToken)
    {
        await oneAtATime.WaitAsync(cancellationToken);
        try
        {
            buffer.ResetWrittenCount();
            serialize(buffer);
            buffer.Write("\n"u8);
            await output.WriteAsync(buffer.WrittenMemory, cancellationToken);
            await output.FlushAsync(cancellationToken);
        }
        finally
        {
            oneAtATime.Release();
        }
    }

    public void Dispose() => oneAtATime.Dispose();
}
