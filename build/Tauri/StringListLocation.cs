using System.Text.Json;

namespace Prism.Pipeline.Tauri;

/// <summary>Where a list of strings (<c>externalBin</c>, <c>bundle.linux.deb.depends</c>, …) is in a parsed config: its
/// value when present (an array or null), else the deepest object that exists on its path and the keys still to create
/// below it.</summary>
internal sealed record StringListLocation(JsonSpan Container, IReadOnlyList<string> MissingKeys, JsonSpan? Value)
{
    /// <summary>The entries listed today, with their spans (empty when the key is absent or null).</summary>
    public IReadOnlyList<JsonSpan> Entries => Value?.Items ?? [];

    /// <summary>Whether the config sets the list at all (null counts: in a merge patch it removes the list).</summary>
    public bool IsSet => Value is not null;

    /// <summary>Walks <paramref name="keys"/> from the root, rejecting non-objects on the way and non-string-arrays at the
    /// end; <paramref name="itemsAre"/> says in the error what the strings must be.</summary>
    public static StringListLocation Find(string path, byte[] utf8, JsonSpan root, IReadOnlyList<string> keys, string itemsAre)
    {
        var (container, missing, value) = Walk(path, utf8, root, keys);
        return new StringListLocation(container, missing,
            value is null ? null : EnsureStringArrayOrNull(path, utf8, value, string.Join('.', keys), itemsAre));
    }

    /// <summary>Walks <paramref name="keys"/> from the root (each in any spelling Tauri accepts), rejecting non-objects on
    /// the way: the value at the end, or the deepest object that exists and the keys still missing below it.</summary>
    public static (JsonSpan Container, IReadOnlyList<string> MissingKeys, JsonSpan? Value) Walk(string path, byte[] utf8, JsonSpan root, IReadOnlyList<string> keys)
    {
        var container = root;
        for (var depth = 0; depth < keys.Count; depth++)
        {
            var member = container.Member(keys[depth]);
            if (member is null)
            {
                return (container, keys.Skip(depth).ToArray(), null);
            }

            if (depth == keys.Count - 1)
            {
                return (container, [], member.Value);
            }

            container = member.Value.Kind == JsonTokenType.StartObject
                ? member.Value
                : throw TauriConfigException.NotAnObject(TextPosition.Of(path, utf8, member.Value.Start), string.Join('.', keys.Take(depth + 1)));
        }

        throw new InvalidOperationException("unreachable: the loop returns at the last key");
    }

    private static JsonSpan EnsureStringArrayOrNull(string path, byte[] utf8, JsonSpan value, string keyPath, string itemsAre)
    {
        var isNull = value.Kind == JsonTokenType.Null;
        var isStringArray = value.Kind == JsonTokenType.StartArray && value.Items.All(item => item.Kind == JsonTokenType.String);
        return isNull || isStringArray
            ? value
            : throw TauriConfigException.NotStringArray(TextPosition.Of(path, utf8, value.Start), keyPath, itemsAre);
    }
}
