using System.Text.Json;

namespace Prism.Pipeline.Release.Verification;

/// <summary>What a rebuild takes from provenance.intoto.json: the repository, the commit, the source time and the parameters.</summary>
internal sealed record ProvenanceSource(string Repository, string Commit, long? SourceDateEpoch, string? Sdk)
{
    public static ProvenanceSource? Read(JsonElement statement)
    {
        try
        {
            var definition = statement.GetProperty("predicate").GetProperty("buildDefinition");
            var source = definition.GetProperty("externalParameters").GetProperty("source");
            var epoch = definition.TryGetProperty("internalParameters", out var internalParameters) && internalParameters.TryGetProperty("sourceDateEpoch", out var value)
                ? value.GetInt64()
                : (long?)null;
            var sdk = definition.TryGetProperty("resolvedDependencies", out var dependencies)
                ? dependencies.EnumerateArray().Where(dependency => dependency.TryGetProperty("name", out var name) && name.GetString() == ".NET SDK")
                    .Select(dependency => dependency.GetProperty("annotations").GetProperty("version").GetString()).FirstOrDefault()
                : null;
            return new ProvenanceSource(source.GetProperty("uri").GetString()!, source.GetProperty("digest").GetProperty("gitCommit").GetString()!, epoch, sdk);
        }
        catch (Exception error) when (error is KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }
}
