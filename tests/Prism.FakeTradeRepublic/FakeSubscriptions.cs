using System.Collections.Concurrent;

namespace Prism.FakeTradeRepublic;

/// <summary>What clients subscribed to on the fake's websocket, and what they left subscribed when they went.</summary>
public sealed class FakeSubscriptions
{
    private readonly ConcurrentQueue<string> topics = new();
    private readonly ConcurrentDictionary<string, string> open = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<int> protocolVersions = new();
    private int connections;
    private int disconnections;

    /// <summary>The JSON of every <c>sub</c> so far, in the order they arrived.</summary>
    public IReadOnlyList<string> Topics => [.. topics];

    /// <summary>The topics of subscriptions neither unsubscribed nor closed by the fake (per connection: ids restart at 1 on each).</summary>
    public IReadOnlyList<string> LeftOpen => [.. open.Values];

    /// <summary>The <c>connect</c> messages' protocol versions, in order.</summary>
    public IReadOnlyList<int> ProtocolVersions => [.. protocolVersions];

    /// <summary>How many websocket connections have ended (the client closed or dropped it, or the fake gave up on it).</summary>
    public int Disconnections => Volatile.Read(ref disconnections);

    internal void Disconnected() => Interlocked.Increment(ref disconnections);

    internal int Connected(int protocolVersion)
    {
        protocolVersions.Enqueue(protocolVersion);
        return Interlocked.Increment(ref connections);
    }

    internal void Subscribed(int connection, string id, string topic)
    {
        topics.Enqueue(topic);
        open[$"{connection}/{id}"] = topic;
    }

    internal void Ended(int connection, string id) => open.TryRemove($"{connection}/{id}", out _);
}
