using System.Text.Json;

namespace Prism.Pipeline.Release.Verification;

/// <summary>What an SBOM says of the binary it describes: metadata.component's name, version, SHA-256 and file name.</summary>
internal sealed record SbomSubject(string? Name, string? Version, string? Sha256, string? FileName)
{
    public static SbomSubject? Read(byte[] sbom)
    {
        try
        {
            using var document = JsonDocument.Parse(sbom);
            if (!document.RootElement.TryGetProperty("metadata", out var metadata) || !metadata.TryGetProperty("component", out var component))
            {
                return null;
            }

            var sha256 = component.TryGetProperty("hashes", out var hashes)
                ? hashes.EnumerateArray().Where(hash => hash.GetProperty("alg").GetString() == "SHA-256").Select(hash => hash.GetProperty("content").GetString()).FirstOrDefault()
                : null;
            var file = component.TryGetProperty("properties", out var properties)
                ? properties.EnumerateArray().Where(property => property.GetProperty("name").GetString() == "prism:file").Select(property => property.GetProperty("value").GetString()).FirstOrDefault()
                : null;
            return sha256 is null ? null : new SbomSubject(component.GetProperty("name").GetString(), component.GetProperty("version").GetString(), sha256, file);
        }
        catch (Exception error) when (error is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }
}
