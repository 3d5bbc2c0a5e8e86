using System.Text.Json;

namespace Prism.Pipeline.Tauri;

/// <summary>A JSON value and the exact byte range it occupies in its file (<see cref="End"/> is exclusive).</summary>
internal sealed record JsonSpan(
    JsonTokenType Kind,
    int Start,
    int End,
    IReadOnlyList<JsonSpanMember> Members,
    IReadOnlyList<JsonSpan> Items,
    string? StringValue)
{
    /// <summary>The member called <paramref name="name"/>, or null (the last one wins, as in Tauri's parser).</summary>
    public JsonSpanMember? Member(string name) => Members.LastOrDefault(member => member.Name == name);
}

/// <summary>An object member: its name, where the quoted name starts and ends, and its value.</summary>
internal sealed record JsonSpanMember(string Name, int NameStart, int NameEnd, JsonSpan Value);
