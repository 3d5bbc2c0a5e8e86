using StreamJsonRpc;

namespace Prism.Daemon.Transport;

/// <summary>
/// The RPC engine's cancellation strategy with the <c>$/cancelRequest</c> notification taken out of the engine: the
/// engine registers each running request here, and the transport cancels one by its id as it reads the notification
/// (<see cref="CancelAsync"/>), before it reads the next line. So a notification never waits in the engine as work in
/// flight, and a flood of them queues nothing. Ids are matched as the engine reads them (a string, or a 64-bit
/// integer); a client that reuses an id while the first request runs cancels every request with it.
/// </summary>
internal sealed class RequestCancellations : ICancellationStrategy
{
    private readonly Dictionary<RequestId, List<CancellationTokenSource>> running = [];

    public void IncomingRequestStarted(RequestId requestId, CancellationTokenSource cancellationTokenSource)
    {
        lock (running)
        {
            if (!running.TryGetValue(requestId, out var sources))
            {
                running[requestId] = sources = [];
            }

            sources.Add(cancellationTokenSource);
        }
    }

    public void IncomingRequestEnded(RequestId requestId)
    {
        lock (running)
        {
            if (running.TryGetValue(requestId, out var sources))
            {
                // The engine ends requests with the same id in any order; which source goes does not matter, as all of
                // them are cancelled together.
                sources.RemoveAt(0);
                if (sources.Count == 0)
                {
                    running.Remove(requestId);
                }
            }
        }
    }

    /// <summary>Cancels the running request(s) with <paramref name="requestId"/>; false when none runs (answered already, or never sent).</summary>
    public async Task<bool> CancelAsync(RequestId requestId)
    {
        List<CancellationTokenSource>? sources;
        lock (running)
        {
            running.Remove(requestId, out sources);
        }

        foreach (var source in sources ?? [])
        {
            // The cancelled method's callbacks run on the thread pool, not inline on the reading loop; awaiting them
            // still keeps the next line unread until this cancellation has taken effect.
            await source.CancelAsync();
        }

        return sources is not null;
    }

    // The daemon calls no method of its client, so it never has an outbound request to cancel.
    public void CancelOutboundRequest(RequestId requestId)
    {
    }

    public void OutboundRequestEnded(RequestId requestId)
    {
    }
}
