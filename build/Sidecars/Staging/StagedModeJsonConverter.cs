using System.Text.Json;
using System.Text.Json.Serialization;

namespace Prism.Pipeline.Sidecars.Staging;

/// <summary>Writes a <see cref="StagedMode"/> as its name, and reads every name Stage has written.</summary>
internal sealed class StagedModeJsonConverter : JsonConverter<StagedMode>
{
    public override StagedMode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        StagedModeNames.Parse(reader.TokenType == JsonTokenType.String ? reader.GetString() : null) ??
        throw new JsonException($"the mode is {(reader.TokenType == JsonTokenType.String ? $"'{reader.GetString()}'" : reader.TokenType.ToString())}, " +
                                $"not one of {StagedModeNames.Name(StagedMode.NativeAot)}, {StagedModeNames.Name(StagedMode.SingleFile)}, " +
                                $"{StagedModeNames.Name(StagedMode.NativeAotAndSingleFile)}");

    public override void Write(Utf8JsonWriter writer, StagedMode value, JsonSerializerOptions options) => writer.WriteStringValue(value.Name());
}
