using System.Text.Json.Serialization;
using Prism.Host.Api;

namespace Prism.Host.Hosting;

/// <summary>The source-generated serializer for the host's own JSON (ready line, health, error bodies); the
/// daemon's results travel through Prism.Protocol's <c>ProtocolJsonContext</c>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ReadyLine))]
[JsonSerializable(typeof(HealthReply))]
[JsonSerializable(typeof(ApiErrorBody))]
internal sealed partial class HostJsonContext : JsonSerializerContext;
