using System.Buffers;
using System.Diagnostics;

namespace Prism.Daemon.Transport;

/// <summary>
/// The only writer of stdout. Each message becomes one LF-terminated line written with a single call and
/// flushed at once, one message at a time, so replies from the RPC engine and from the transport never interleave.
/// A write that fails (the client closed its end of stdout: EPIPE) completes <see cref="Lost"/>; so does, once
/// input has ended, a write that stdout has not taken for <see cref="StallLimit"/> (see <see cref="WatchForStallAsync"/>).
/// </summary>
internal sealed class ProtocolWriter(Stream output) : IDisposable
{
    /// <summary>
    /// How long, after the end of input, one line may wait for a stdout nobody reads before the replies still owed
    /// are given up: a parent that closed stdin or sent SIGTERM is waiting for the exit, not for them. A reader that
    /// merely lags takes a line within far less.
    /// </summary>
    public static readonly TimeSpan StallLimit = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim oneAtATime = new(1, 1);
    private readonly ArrayBufferWriter<byte> buffer = new();
    private readonly TaskCompletionSource<string> lost = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Stopwatch timestamp at which the line being written was handed to stdout; 0 while no write is in flight.
    private long writingSince;

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
            Volatile.Write(ref writingSince, Stopwatch.GetTimestamp());
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
            Volatile.Write(ref writingSince, 0);
            oneAtATime.Release();
        }
    }

    /// <summary>
    /// Called once input has ended: completes <see cref="Lost"/> when a line has waited longer than
    /// <see cref="StallLimit"/> for stdout (a blocked pipe write cannot be cancelled, so it is watched instead);
    /// ends quietly when <paramref name="done"/> completes first.
    /// </summary>
    public async Task WatchForStallAsync(Task done)
    {
        using var ticks = new PeriodicTimer(StallLimit / 5);
        while (!done.IsCompleted && !lost.Task.IsCompleted)
        {
            if (await Task.WhenAny(done, ticks.WaitForNextTickAsync().AsTask()) == done)
            {
                return;
            }

            var since = Volatile.Read(ref writingSince);
            if (since != 0 && Stopwatch.GetElapsedTime(since) > StallLimit)
            {
                lost.TrySetResult(FormattableString.Invariant($"input has ended and stdout took no reply for {StallLimit.TotalSeconds:0} s; the replies still owed are given up"));
            }
        }
    }

    public void Dispose() => oneAtATime.Dispose();
}
