namespace Prism.Daemon.Portfolio;

/// <summary>
/// Reads subscriptions once: subscribes to every topic, follows the socket's frames until each has answered, then
/// unsubscribes. Trade Republic's subscriptions stream (a full <c>A</c> payload, then <c>D</c> deltas against it);
/// a snapshot holds the latest payload of each by the time the last one answered.
/// </summary>
internal static class SubscriptionSnapshot
{
    /// <summary>The answers, in the order of <paramref name="topics"/>; waits as long as <paramref name="cancellation"/> lets it.</summary>
    public static async Task<SubscriptionAnswer[]> TakeAsync(TradeRepublicSocket socket, IReadOnlyList<string> topics, CancellationToken cancellation) =>
        [.. (await TakeAsync(socket, topics, budget: null, cancellation)).Select(answer => answer!)];

    /// <summary>
    /// Like <see cref="TakeAsync(TradeRepublicSocket, IReadOnlyList{string}, CancellationToken)"/>, but stops waiting
    /// after <paramref name="budget"/>: a subscription that has not answered by then is null.
    /// </summary>
    public static Task<SubscriptionAnswer?[]> TakeWithinAsync(TradeRepublicSocket socket, IReadOnlyList<string> topics, TimeSpan budget, CancellationToken cancellation) =>
        TakeAsync(socket, topics, (TimeSpan?)budget, cancellation);

    private static async Task<SubscriptionAnswer?[]> TakeAsync(TradeRepublicSocket socket, IReadOnlyList<string> topics, TimeSpan? budget, CancellationToken cancellation)
    {
        var ids = new int[topics.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = await socket.SubscribeAsync(topics[i], cancellation);
        }

        var answers = new Dictionary<int, SubscriptionAnswer>();
        using (var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellation))
        {
            if (budget is { } limit)
            {
                waiting.CancelAfter(limit);
            }

            try
            {
                await FollowAsync(socket, ids, answers, waiting.Token);
            }
            catch (OperationCanceledException) when (budget is not null && !cancellation.IsCancellationRequested)
            {
                // The budget is over: the silent subscriptions stay without an answer. The socket is still open
                // (only the waiting was cancelled), so they are unsubscribed below like the others.
            }
        }

        // Sent with the caller's token, not the budget's: cancelling a send would abort the socket.
        foreach (var id in ids.Where(id => answers.GetValueOrDefault(id)?.Kind != AnswerKind.Closed))
        {
            await socket.UnsubscribeAsync(id, cancellation);
        }

        return [.. ids.Select(answers.GetValueOrDefault)];
    }

    /// <summary>Follows frames until every subscription in <paramref name="ids"/> has an answer; a later payload replaces an earlier one.</summary>
    private static async Task FollowAsync(TradeRepublicSocket socket, int[] ids, Dictionary<int, SubscriptionAnswer> answers, CancellationToken cancellation)
    {
        while (!ids.All(answers.ContainsKey))
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
