namespace Prism.Daemon.Portfolio;

/// <summary>How a subscription answered a <see cref="SubscriptionSnapshot"/>.</summary>
internal enum AnswerKind
{
    /// <summary>A full payload (<c>A</c>), with the deltas (<c>D</c>) that followed it applied; the text is the JSON.</summary>
    Payload,

    /// <summary>An <c>E</c> frame; the text is its error payload.</summary>
    Error,

    /// <summary>A <c>C</c> frame before any payload; the text is empty.</summary>
    Closed,

    /// <summary>A delta that does not fit the payload before it (or came before any); the text says why.</summary>
    Unreadable,
}

/// <summary>A subscription's answer: what kind, and its text (see <see cref="AnswerKind"/>).</summary>
internal sealed record SubscriptionAnswer(AnswerKind Kind, string Text);
