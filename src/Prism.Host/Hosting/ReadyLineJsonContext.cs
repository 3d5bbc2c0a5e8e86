using System.Text.Json.Serialization;

namespace Prism.Host.Hosting;

/// <summary>The ready line's source-generated serializer: host-api.md's snake_case names (every field is always
/// there). The API's bodies have their own context in Api/.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ReadyLine))]
internal sealed partial class ReadyLineJsonContext : JsonSerializerContext;
