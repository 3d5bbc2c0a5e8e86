using System.Text.Json.Serialization;

namespace Prism.Host.Api;

/// <summary>The source-generated serializer of the API's own bodies (health, errors; host-api.md's snake_case); the
/// daemon's results travel through Prism.Protocol's <c>ProtocolJsonContext</c>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HealthReply))]
[JsonSerializable(typeof(ApiErrorBody))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
