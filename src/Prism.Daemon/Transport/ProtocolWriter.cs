using System.Buffers;

namespace Prism.Daemon.Transport;

/// <summary>
/// The only writer of stdout. Each message becomes one LF-terminated line written with a single call and
/// flushed at once, one message at a time, so replies from the RPC engine and from the transport never interleave.
/// A write that fails (the client closed its end of stdout: EPIPE) completes <see cref="Lost"/>.
/// </summary>
internal sealed class ProtocolWriter(Stream output) : IDisposable
{
    private readonly SemaphoreSlim oneAtATime = new(1, 1);
    private readonly ArrayBufferWriter<byte> buffer = new();
    private readonly TaskCompletionSource<string> lost = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes, with the reason, once stdout could not be written: nobody can receive a reply any more.</summary>
    public Task<string> Lost => lost.Task;

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
        catch (IOException exception)
        {
            lost.TrySetResult(exception.Message);
            throw;
        }
        finally
        {
            oneAtATime.Release();
        }
    }

    public void Dispose() => oneAtATime.Dispose();
}
