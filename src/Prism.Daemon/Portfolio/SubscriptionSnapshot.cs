using Prism.Daemon.Upstream;

namespace Prism.Daemon.Portfolio;

/// <summary>
/// Reads subscriptions once: subscribes to topics (more may be added while it follows the socket), follows the
/// socket's frames until each has answered, then unsubscribes them all. Trade Republic's subscriptions stream (a full
/// <c>A</c> payload, then <c>D</c> deltas against it); a snapshot holds the latest payload of each by the time the
/// last one answered.
/// </summary>
internal sealed class SubscriptionSnapshot(TradeRepublicSocket socket)
{
    private readonly List<int> ids = [];
    private readonly Dictionary<int, SubscriptionAnswer> answers = [];

    /// <summary>Whether every subscription made so far has answered.</summary>
    public bool AllAnswered => answers.Count == ids.Count;

    /// <summary>The answers of <paramref name="topics"/>, in their order; waits as long as <paramref name="cancellation"/> lets it.</summary>
    public static async Task<SubscriptionAnswer[]> TakeAsync(TradeRepublicSocket socket, IReadOnlyList<string> topics, CancellationToken cancellation)
    {
        var snapshot = new SubscriptionSnapshot(socket);
        var ids = new int[topics.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = await snapshot.SubscribeAsync(topics[i], cancellation);
        }

        while (!snapshot.AllAnswered)
        {
            await snapshot.NextAnswerAsync(cancellation);
        }

        await snapshot.UnsubscribeAllAsync(cancellation);
        return [.. ids.Select(id => snapshot.AnswerOf(id)!)];
    }

    /// <summary>Subscribes to <paramref name="topicJson"/>; returns the subscription's id.</summary>
    public async Task<int> SubscribeAsync(string topicJson, CancellationToken cancellation)
    {
        var id = await socket.SubscribeAsync(topicJson, cancellation);
        ids.Add(id);
        return id;
    }

    /// <summary>The subscription's answer so far; null while it has not answered.</summary>
    public SubscriptionAnswer? AnswerOf(int id) => answers.GetValueOrDefault(id);

    /// <summary>
    /// Follows frames until a subscription that had no answer gets one, and returns its id; frames of subscriptions
    /// that have answered already keep updating theirs meanwhile. Cancelling stops the waiting, never the socket, so
    /// a budget running out leaves it open for <see cref="UnsubscribeAllAsync"/>.
    /// </summary>
    public async Task<int> NextAnswerAsync(CancellationToken cancellation)
    {
        while (true)
        {
            if (SubscriptionFrame.TryParse(await socket.ReceiveAsync(cancellation)) is not { } frame || !ids.Contains(frame.SubscriptionId))
            {
                continue;
            }

            var id = frame.SubscriptionId;
            var previous = answers.GetValueOrDefault(id);
            switch (frame.Kind)
            {
                case FrameKind.Full:
                    answers[id] = new(AnswerKind.Payload, frame.Payload);
                    break;
                case FrameKind.Delta when previous is { Kind: AnswerKind.Payload }:
                    answers[id] = Apply(previous.Text, frame.Payload);
                    break;
                case FrameKind.Delta when previous is null:
                    answers[id] = new(AnswerKind.Unreadable, "a delta frame arrived before any full payload");
                    break;
                case FrameKind.Error:
                    answers[id] = new(AnswerKind.Error, frame.Payload);
                    break;
                case FrameKind.Closed:
                    // After a payload the payload stands; before one, the subscription ended without an answer.
                    answers.TryAdd(id, new(AnswerKind.Closed, ""));
                    break;
            }

            if (previous is null && answers.ContainsKey(id))
            {
                return id;
            }
        }
    }

    /// <summary>
    /// Unsubscribes every subscription Trade Republic has not closed itself, answered or not. Sent with the caller's
    /// token, never a budget's: cancelling a send would abort the socket.
    /// </summary>
    public async Task UnsubscribeAllAsync(CancellationToken cancellation)
    {
        foreach (var id in ids.Where(id => answers.GetValueOrDefault(id)?.Kind != AnswerKind.Closed))
        {
            await socket.UnsubscribeAsync(id, cancellation);
        }
    }

    /// <summary>The delta applied, or why it could not be: one subscription's broken delta is its own problem, not the socket's.</summary>
    private static SubscriptionAnswer Apply(string previous, string delta)
    {
        try
        {
            return new(AnswerKind.Payload, DeltaDecoder.Apply(previous, delta));
        }
        catch (FormatException exception)
        {
            return new(AnswerKind.Unreadable, exception.Message);
        }
    }
}
