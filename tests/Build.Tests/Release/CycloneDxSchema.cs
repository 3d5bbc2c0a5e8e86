using System.Text.Json;
using Json.Schema;

namespace Prism.Pipeline.Tests.Release;

/// <summary>
/// The CycloneDX 1.6 JSON schema with the two schemas it references (SPDX licence ids, JSF signatures), as
/// <c>@cyclonedx/cyclonedx-library</c> 10.3.0 ships them in <c>res/schema/</c> (npm tarball integrity
/// sha512-RIT28sp1U0PCHaaeF3yNRwk6Jig/XJ8UsYAVOMYaHQ+0VVOvsjcp0PTWQFLUqJFF8XMud+Kdq6G+wtDAh+QJFA==), kept in
/// CycloneDxSchema/ so validation needs no network.
/// </summary>
internal static class CycloneDxSchema
{
    private static readonly string Folder = Path.Combine(RepositoryPaths.Root, "tests", "Build.Tests", "Release", "CycloneDxSchema");

    private static readonly Lazy<JsonSchema> Bom = new(Load);

    /// <summary>Every schema violation of <paramref name="json"/>, as "location: message"; empty when it is valid.</summary>
    public static IReadOnlyList<string> Violations(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        var result = Bom.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid
            ? []
            : (result.Details ?? []).Where(detail => detail.Errors is { Count: > 0 })
                .SelectMany(detail => detail.Errors!.Select(error => $"{detail.InstanceLocation}: {error.Value}")).ToList();
    }

    private static JsonSchema Load()
    {
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        // The bom schema refers to its neighbours by their file names in the package (…SNAPSHOT…); their $ids lack it.
        JsonSchema.FromText(File.ReadAllText(Path.Combine(Folder, "spdx.SNAPSHOT.schema.json")), options);
        JsonSchema.FromText(File.ReadAllText(Path.Combine(Folder, "jsf-0.82.SNAPSHOT.schema.json")), options);
        var bom = File.ReadAllText(Path.Combine(Folder, "bom-1.6.SNAPSHOT.schema.json"))
            .Replace("\"spdx.SNAPSHOT.schema.json", "\"spdx.schema.json", StringComparison.Ordinal)
            .Replace("\"jsf-0.82.SNAPSHOT.schema.json", "\"jsf-0.82.schema.json", StringComparison.Ordinal);
        return JsonSchema.FromText(bom, options);
    }
}
