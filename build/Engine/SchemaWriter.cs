using System.Text;
using System.Text.Json;

namespace Prism.Pipeline.Engine;

/// <summary>
/// Writes <c>.nuke/build.schema.json</c> so editors complete <c>parameters.json</c>. Unlike NUKE, only when the content
/// changes, so it never churns diffs.
/// </summary>
internal static class SchemaWriter
{
    /// <summary>Returns true when the file was (re)written.</summary>
    public static bool WriteIfChanged(AbsolutePath path, IReadOnlyList<BuildParameter> parameters)
    {
        var content = Render(parameters);
        if (path.FileExists && File.ReadAllText(path) == content)
        {
            return false;
        }

        Directory.CreateDirectory(path.Parent);
        File.WriteAllText(path, content);
        return true;
    }

    /// <summary>A draft-07 schema with one property per parameter, typed and described.</summary>
    public static string Render(IReadOnlyList<BuildParameter> parameters)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", "http://json-schema.org/draft-07/schema#");
            json.WriteString("title", "Build parameters");
            json.WriteString("type", "object");
            json.WriteStartObject("properties");
            json.WriteStartObject("$schema");
            json.WriteString("type", "string");
            json.WriteEndObject();
            foreach (var parameter in parameters)
            {
                json.WriteStartObject(parameter.Name);
                json.WriteString("description", parameter.Description);
                WriteType(json, Nullable.GetUnderlyingType(parameter.Type) ?? parameter.Type);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteBoolean("additionalProperties", false);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()).ReplaceLineEndings("\n") + "\n";
    }

    private static void WriteType(Utf8JsonWriter json, Type type)
    {
        if (type.IsEnum)
        {
            json.WriteString("type", "string");
            json.WriteStartArray("enum");
            foreach (var word in ParameterValueConverter.EnumWords(type))
            {
                json.WriteStringValue(word);
            }

            json.WriteEndArray();
            return;
        }

        if (type == typeof(string[]))
        {
            json.WriteString("type", "array");
            json.WriteStartObject("items");
            json.WriteString("type", "string");
            json.WriteEndObject();
            return;
        }

        json.WriteString("type", type == typeof(bool) ? "boolean" : type == typeof(int) ? "integer" : "string");
    }
}
