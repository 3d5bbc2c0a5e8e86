namespace Prism.Daemon.Transport;

/// <summary>
/// Counts requests handed to the RPC engine that still await their reply: the transport stops reading input while
/// too many are owed (a client that does not read stdout cannot make the daemon hold replies without bound), and at
/// the end of input it waits until every one of them has been written before it lets the connection close.
/// </summary>
internal sealed class PendingReplies
{
    private readonly Lock gate = new();
    private readonly List<(int Limit, TaskCompletionSource Signal)> waiters = [];
    private int outstanding;

    /// <summary>A request that expects a reply was accepted.</summary>
    public void Accepted()
    {
        lock (gate)
        {
            outstanding++;
        }
    }

    /// <summary>A reply (result or error) was written, or writing it failed for good.</summary>
    public void Answered()
    {
        lock (gate)
        {
            outstanding = Math.Max(0, outstanding - 1);
            waiters.RemoveAll(waiter => outstanding < waiter.Limit && waiter.Signal.TrySetResult());
        }
    }

    /// <summary>Completes once fewer than <paramref name="limit"/> accepted requests are left without a reply.</summary>
    public Task WhenFewerThanAsync(int limit)
    {
        lock (gate)
        {
            if (outstanding < limit)
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiters.Add((limit, signal));
            return signal.Task;
        }
    }

    /// <summary>Completes once no accepted request is left without a reply.</summary>
    public Task WhenAllAnsweredAsync() => WhenFewerThanAsync(1);
}
