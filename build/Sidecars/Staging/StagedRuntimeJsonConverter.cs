using System.Text.Json;
using System.Text.Json.Serialization;
using Prism.Platform;

namespace Prism.Pipeline.Sidecars.Staging;

/// <summary>
/// Writes a staged binary's runtime as its RID, and null for a universal binary; reads that, and the form earlier builds
/// wrote for a universal binary ("osx-x64+osx-arm64", which is not a RID).
/// </summary>
internal sealed class StagedRuntimeJsonConverter : JsonConverter<RuntimeTarget?>
{
    private static readonly string EarlierUniversalForm = string.Join("+", TargetTable.UniversalAppleDarwinRids);

    public override bool HandleNull => true;

    public override RuntimeTarget? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String when reader.GetString() == EarlierUniversalForm => null,
            JsonTokenType.String when reader.GetString() is { } rid && TargetTable.KnownRids.Contains(rid) => TargetTable.ForRid(rid),
            JsonTokenType.String => throw new JsonException($"the runtime is '{reader.GetString()}', not one of {string.Join(", ", TargetTable.KnownRids)} " +
                                                            $"(or null for {TargetTable.UniversalAppleDarwin})"),
            _ => throw new JsonException($"the runtime is {reader.TokenType}, not a RID"),
        };

    public override void Write(Utf8JsonWriter writer, RuntimeTarget? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value.Rid);
        }
    }
}
