using System.Text.Json;
using System.Text.Json.Serialization;
using Prism.Pipeline.Sidecars.Publishing;

namespace Prism.Pipeline.Sidecars.Staging;

/// <summary>How a staged binary was published: in one mode, or — a universal binary whose two slices were published
/// differently — in both. Records and the release manifest spell it as people do (<see cref="StagedModeNames"/>).</summary>
[JsonConverter(typeof(StagedModeJsonConverter))]
public enum StagedMode
{
    NativeAot,
    SingleFile,
    NativeAotAndSingleFile,
}

/// <summary>The spelling of each <see cref="StagedMode"/>: the publish modes' names, joined by "+" for a mixed universal binary.</summary>
internal static class StagedModeNames
{
    private static readonly string Mixed = $"{PublishModeNames.NativeAot}+{PublishModeNames.SingleFile}";

    public static StagedMode Of(PublishMode mode) => mode == PublishMode.NativeAot ? StagedMode.NativeAot : StagedMode.SingleFile;

    /// <summary>The mode of a universal binary made of two slices staged in these modes.</summary>
    public static StagedMode Of(StagedMode intel, StagedMode appleSilicon) => intel == appleSilicon ? intel : StagedMode.NativeAotAndSingleFile;

    /// <summary>The publish mode of a binary staged in one mode; null for a mixed universal one.</summary>
    public static PublishMode? AsPublishMode(this StagedMode mode) => mode switch
    {
        StagedMode.NativeAot => PublishMode.NativeAot,
        StagedMode.SingleFile => PublishMode.SingleFile,
        _ => null,
    };

    public static string Name(this StagedMode mode) => mode.AsPublishMode() is { } single ? PublishModeNames.Of(single) : Mixed;

    /// <summary>Reads a name as <see cref="Name"/> writes it; earlier builds wrote a mixed one in either order.</summary>
    public static StagedMode? Parse(string? name) => name switch
    {
        PublishModeNames.NativeAot => StagedMode.NativeAot,
        PublishModeNames.SingleFile => StagedMode.SingleFile,
        _ when name == Mixed || name == $"{PublishModeNames.SingleFile}+{PublishModeNames.NativeAot}" => StagedMode.NativeAotAndSingleFile,
        _ => null,
    };
}

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
