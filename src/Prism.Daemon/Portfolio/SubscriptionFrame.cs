namespace Prism.Daemon.Portfolio;

/// <summary>What a websocket frame says about its subscription.</summary>
internal enum FrameKind
{
    /// <summary><c>A</c>: a full JSON payload.</summary>
    Full,

    /// <summary><c>D</c>: a delta against the previous payload.</summary>
    Delta,

    /// <summary><c>C</c>: the subscription was closed.</summary>
    Closed,

    /// <summary><c>E</c>: an error payload.</summary>
    Error,
}

/// <summary>A frame from Trade Republic's websocket: <c>&lt;id&gt; &lt;A|D|C|E&gt; &lt;payload&gt;</c>.</summary>
internal sealed record SubscriptionFrame(int SubscriptionId, FrameKind Kind, string Payload)
{
    /// <summary>Parses <paramref name="text"/>; null when it is not a subscription frame (e.g. the <c>connected</c> greeting).</summary>
    public static SubscriptionFrame? TryParse(string text)
    {
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || space + 1 >= text.Length || !int.TryParse(text.AsSpan(0, space), out var id))
        {
            return null;
        }

        FrameKind? kind = text[space + 1] switch
        {
            'A' => FrameKind.Full,
            'D' => FrameKind.Delta,
            'C' => FrameKind.Closed,
            'E' => FrameKind.Error,
            _ => null,
        };
        if (kind is null || (space + 2 < text.Length && text[space + 2] != ' '))
        {
            return null;
        }

        return new SubscriptionFrame(id, kind.Value, space + 3 <= text.Length ? text[(space + 3)..] : "");
    }
}
