using System.Text.Json.Serialization;

namespace Prism.Host.Hosting;

/// <summary>The source-generated serializer of the ready line (host-api.md's snake_case); the API's bodies have
/// <c>ApiJsonContext</c>, the daemon's results Prism.Protocol's <c>ProtocolJsonContext</c>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ReadyLine))]
internal sealed partial class ReadyLineJsonContext : JsonSerializerContext;
