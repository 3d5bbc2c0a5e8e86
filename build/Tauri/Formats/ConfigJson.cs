using System.Text.Encodings.Web;
using System.Text.Json;

namespace Prism.Pipeline.Tauri.Formats;

/// <summary>A parsed config (any format) as strict JSON: what Tauri's readers hand to serde_json, so Tauri's JSON
/// schema can check a JSON5 or TOML config as it checks a .json one.</summary>
internal static class ConfigJson
{
    public static string Write(JsonSpan root)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = false }))
        {
            WriteValue(writer, root);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteValue(Utf8JsonWriter writer, JsonSpan value)
    {
        switch (value.Kind)
        {
            case JsonTokenType.StartObject:
                writer.WriteStartObject();
                // Duplicate names: the last one wins, as in serde_json's map.
                foreach (var member in value.Members.GroupBy(member => member.Name).Select(group => group.Last()))
                {
                    writer.WritePropertyName(member.Name);
                    WriteValue(writer, member.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonTokenType.StartArray:
                writer.WriteStartArray();
                foreach (var item in value.Items)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonTokenType.String:
                writer.WriteStringValue(value.StringValue);
                break;
            case JsonTokenType.Number when value.NumberText is { } number:
                writer.WriteRawValue(number);
                break;
            case JsonTokenType.True or JsonTokenType.False:
                writer.WriteBooleanValue(value.Kind == JsonTokenType.True);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }
}
