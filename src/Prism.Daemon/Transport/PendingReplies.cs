namespace Prism.Daemon.Transport;

/// <summary>
/// Counts requests handed to the RPC engine that still await their reply, so that at the end of input the
/// daemon can wait until every one of them has been written before it lets the connection close.
/// </summary>
internal sealed class PendingReplies
{
    private readonly Lock gate = new();
    private int outstanding;
    private TaskCompletionSource? allAnswered;

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
            if (outstanding == 0)
            {
                allAnswered?.TrySetResult();
            }
        }
    }

    /// <summary>Completes once no accepted request is left without a reply.</summary>
    public Task WhenAllAnsweredAsync()
    {
        lock (gate)
        {
            if (outstanding == 0)
            {
                return Task.CompletedTask;
            }

            allAnswered ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return allAnswered.Task;
        }
    }
}
