using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Prism.Pipeline.Tauri;

/// <summary>Checks a Tauri config against the official <c>config.schema.json</c> (draft-07) shipped in the pinned
/// <c>@tauri-apps/cli</c> npm package.</summary>
public sealed class TauriSchemaValidator
{
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List };

    private readonly JsonSchema schema;
    private readonly string schemaName;

    private TauriSchemaValidator(JsonSchema schema, string schemaName)
    {
        this.schema = schema;
        this.schemaName = schemaName;
    }

    /// <summary>Where <c>npm ci</c> puts the schema, below the folder holding <c>package.json</c>.</summary>
    public static string SchemaPathUnder(string repositoryRoot) =>
        Path.Combine(repositoryRoot, "node_modules", "@tauri-apps", "cli", "config.schema.json");

    /// <summary>Loads the schema; a missing file fails with the command that installs it (validation is never skipped).</summary>
    public static TauriSchemaValidator Load(string schemaPath) =>
        new(JsonSchema.FromText(ReadSchema(schemaPath)), "config");

    /// <summary>
    /// A validator for one definition of the config schema, e.g. <c>Capability</c> (what a capability file holds):
    /// the CLI package ships no schema of its own for capability files — Tauri generates those per app, with each
    /// plugin's permissions, at build time — but its config schema defines a capability for inline use.
    /// </summary>
    public static TauriSchemaValidator LoadDefinition(string schemaPath, string definition)
    {
        var config = JsonNode.Parse(ReadSchema(schemaPath))!.AsObject();
        var wrapper = new JsonObject
        {
            ["$schema"] = config["$schema"]?.DeepClone(),
            ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = $"#/definitions/{definition}" }),
            ["definitions"] = config["definitions"]!.DeepClone(),
        };
        return new TauriSchemaValidator(JsonSchema.FromText(wrapper.ToJsonString()), definition);
    }

    private static string ReadSchema(string schemaPath) =>
        File.Exists(schemaPath) ? File.ReadAllText(schemaPath) : throw TauriConfigException.SchemaMissing(schemaPath);

    /// <summary>Every violation in <paramref name="configJson"/>, each at its JSON pointer; empty when valid.</summary>
    public IReadOnlyList<SchemaViolation> Validate(string configJson)
    {
        using var config = JsonDocument.Parse(configJson.TrimStart('\uFEFF'));
        var results = schema.Evaluate(config.RootElement, Options);
        if (results.IsValid)
        {
            return [];
        }

        return [.. (results.Details ?? [])
            .Where(detail => detail.Errors is not null)
            .SelectMany(detail => detail.Errors!.Select(error => new SchemaViolation(detail.InstanceLocation.ToString(), error.Value)))
            .Distinct()];
    }

    /// <summary>Throws a <see cref="TauriConfigException"/> listing every violation when the config is not valid.</summary>
    public void EnsureValid(string configPath, string configJson)
    {
        var violations = Validate(configJson);
        if (violations.Count > 0)
        {
            throw TauriConfigException.SchemaViolations(configPath, schemaName, violations);
        }
    }
}
