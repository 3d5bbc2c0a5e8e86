using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace Prism.Daemon.Json;

/// <summary>
/// Reading JSON strings that may not be text. JSON's grammar lets a string hold an unpaired surrogate escape — a lone
/// <c>"\ud800"</c>, or <c>"\udc00\ud800"</c> in the wrong order — which unescapes to no Unicode text at all, and
/// System.Text.Json refuses to read such a string (or a member name) with an <see cref="InvalidOperationException"/>.
/// Everything the daemon reads from a client or from Trade Republic goes through here, so such a string costs the
/// member it is in, never the process or the whole answer.
/// </summary>
internal static class JsonText
{
    /// <summary>The string <paramref name="value"/> holds; false when it is no string or not Unicode text.</summary>
    public static bool TryGetString(JsonElement value, [NotNullWhen(true)] out string? text)
    {
        text = null;
        if (value.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        try
        {
            text = value.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            // The only way GetString fails on a string element: its escapes make no UTF-16 text.
            return false;
        }
    }

    /// <summary>The name of <paramref name="property"/>; false when it is not Unicode text.</summary>
    public static bool TryGetName(JsonProperty property, [NotNullWhen(true)] out string? name)
    {
        try
        {
            name = property.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            name = null;
            return false;
        }
    }

    /// <summary>
    /// The member <paramref name="name"/> of the object <paramref name="parent"/> (the last one, as a lookup by name finds
    /// it); false when <paramref name="parent"/> is no object or has no such member. A member whose name is no text is
    /// no member: a lookup by name unescapes the names on its way and would throw at it, so the members are then read one
    /// by one.
    /// </summary>
    public static bool TryGetMember(JsonElement parent, string name, out JsonElement value)
    {
        value = default;
        if (parent.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        try
        {
            return parent.TryGetProperty(name, out value);
        }
        catch (InvalidOperationException)
        {
            var found = false;
            foreach (var property in parent.EnumerateObject())
            {
                if (TryGetName(property, out var readable) && readable == name)
                {
                    (value, found) = (property.Value, true);
                }
            }

            return found;
        }
    }

    /// <summary>Whether every string and member name in <paramref name="value"/>, at any depth, is Unicode text.</summary>
    public static bool IsText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => TryGetString(value, out _),
        JsonValueKind.Object => value.EnumerateObject().All(property => TryGetName(property, out _) && IsText(property.Value)),
        JsonValueKind.Array => value.EnumerateArray().All(IsText),
        _ => true,
    };

    /// <summary>Whether <paramref name="text"/> is well-formed UTF-16: every surrogate is one of a high-low pair.</summary>
    public static bool IsText(ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(text, out _, out var consumed) != OperationStatus.Done)
            {
                return false;
            }

            text = text[consumed..];
        }

        return true;
    }
}
