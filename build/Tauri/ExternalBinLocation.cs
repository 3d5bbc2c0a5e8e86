using System.Text.Json;

namespace Prism.Pipeline.Tauri;

/// <summary>Where <c>externalBin</c> is in a parsed config: its value when present (an array or null), else the
/// deepest object that exists on its path and the keys still to create below it.</summary>
internal sealed record ExternalBinLocation(JsonSpan Container, IReadOnlyList<string> MissingKeys, JsonSpan? Value)
{
    /// <summary>The entries listed today, with their spans (empty when the key is absent or null).</summary>
    public IReadOnlyList<JsonSpan> Entries => Value?.Items ?? [];

    /// <summary>Whether the config sets <c>externalBin</c> at all (null counts: in a merge patch it removes the list).</summary>
    public bool IsSet => Value is not null;

    /// <summary>Walks the version's path to <c>externalBin</c>, rejecting non-objects on the way and non-string-arrays at the end.</summary>
    public static ExternalBinLocation Find(string path, byte[] utf8, JsonSpan root, TauriConfigVersion version)
    {
        var keys = TauriConfigLayout.BundlePath(version).Append("externalBin").ToArray();
        var container = root;
        for (var depth = 0; depth < keys.Length; depth++)
        {
            var member = container.Member(keys[depth]);
            if (member is null)
            {
                return new ExternalBinLocation(container, keys[depth..], null);
            }

            if (depth == keys.Length - 1)
            {
                return new ExternalBinLocation(container, [], EnsureStringArrayOrNull(path, utf8, member.Value, version));
            }

            container = member.Value.Kind == JsonTokenType.StartObject
                ? member.Value
                : throw TauriConfigException.NotAnObject(TextPosition.Of(path, utf8, member.Value.Start), string.Join('.', keys[..(depth + 1)]));
        }

        throw new InvalidOperationException("unreachable: the loop returns at the last key");
    }

    private static JsonSpan EnsureStringArrayOrNull(string path, byte[] utf8, JsonSpan value, TauriConfigVersion version)
    {
        var isNull = value.Kind == JsonTokenType.Null;
        var isStringArray = value.Kind == JsonTokenType.StartArray && value.Items.All(item => item.Kind == JsonTokenType.String);
        return isNull || isStringArray
            ? value
            : throw TauriConfigException.ExternalBinNotStringArray(TextPosition.Of(path, utf8, value.Start), TauriConfigLayout.ExternalBinKeyPath(version));
    }
}
