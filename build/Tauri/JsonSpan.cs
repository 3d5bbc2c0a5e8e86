using System.Text.Json;

namespace Prism.Pipeline.Tauri;

/// <summary>A config value and the exact byte range it occupies in its file (<see cref="End"/> is exclusive). JSON, JSON5
/// and TOML configs all parse into this one tree, so every lookup reads the three formats alike.</summary>
internal sealed record JsonSpan(
    JsonTokenType Kind,
    int Start,
    int End,
    IReadOnlyList<JsonSpanMember> Members,
    IReadOnlyList<JsonSpan> Items,
    string? StringValue)
{
    /// <summary>A number as strict JSON text (a JSON5 hex number in decimal, a TOML integer or float), or null for
    /// non-numbers and numbers JSON cannot hold (NaN, Infinity), which Tauri's parsers read as null too.</summary>
    public string? NumberText { get; init; }

    /// <summary>The member called <paramref name="name"/> in any spelling Tauri accepts for it (<see cref="TauriKeyNames"/>),
    /// or null (the last one wins, as in Tauri's parser).</summary>
    public JsonSpanMember? Member(string name) => Members.LastOrDefault(member => TauriKeyNames.Matches(member.Name, name));
}

/// <summary>An object member: its name, where the name (quoted or bare) starts and ends, and its value.</summary>
internal sealed record JsonSpanMember(string Name, int NameStart, int NameEnd, JsonSpan Value);
