using System.Text.Json;

namespace Prism.Daemon.Transport;

/// <summary>What the transport does with one input line.</summary>
internal abstract record ScreenVerdict;

/// <summary>
/// A well-formed request or notification for a served method: hand it to the RPC engine.
/// <see cref="Id"/> is the request's id, null for a notification (which expects no reply).
/// </summary>
internal sealed record Forward(JsonElement? Id) : ScreenVerdict
{
    public bool ExpectsReply => Id is not null;
}

/// <summary>Bad input that must be answered by the transport itself.</summary>
internal sealed record Reject(ErrorReply Reply) : ScreenVerdict;

/// <summary>Input that gets no reply: a blank line, or a notification the daemon cannot act on.</summary>
internal sealed record Ignore(string Reason) : ScreenVerdict;
