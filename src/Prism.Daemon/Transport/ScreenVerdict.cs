using System.Text.Json;
using StreamJsonRpc;

namespace Prism.Daemon.Transport;

/// <summary>What the transport does with one input line.</summary>
internal abstract record ScreenVerdict;

/// <summary>A well-formed request for a served method with fitting params: hand it to the RPC engine, which owes it a reply.</summary>
internal sealed record Forward(JsonElement Id) : ScreenVerdict;

/// <summary>Bad input that must be answered by the transport itself.</summary>
internal sealed record Reject(ErrorReply Reply) : ScreenVerdict;

/// <summary>Input that needs neither reply nor mention: a blank line.</summary>
internal sealed record Ignore(string Reason) : ScreenVerdict;

/// <summary>A notification the daemon does not act on (only <c>$/cancelRequest</c> and <c>shutdown</c> act without an id); logged once, never answered.</summary>
internal sealed record Drop(string Reason) : ScreenVerdict;

/// <summary>A <c>$/cancelRequest</c> notification: cancel the running request with <see cref="Id"/>, if there is one.</summary>
internal sealed record Cancel(RequestId Id) : ScreenVerdict;

/// <summary>A <c>shutdown</c> notification: stop reading, answer what is owed, exit.</summary>
internal sealed record Stop : ScreenVerdict;
