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
    private readonly JsonObject? schemaDocument;

    private TauriSchemaValidator(JsonSchema schema, string schemaName, JsonObject? schemaDocument = null)
    {
        this.schema = schema;
        this.schemaName = schemaName;
        this.schemaDocument = schemaDocument;
    }

    /// <summary>Where <c>npm ci</c> puts the schema, below the folder holding <c>package.json</c>.</summary>
    public static string SchemaPathUnder(string repositoryRoot) =>
        Path.Combine(repositoryRoot, "node_modules", "@tauri-apps", "cli", "config.schema.json");

    /// <summary>Loads the schema; a missing file fails with the command that installs it (validation is never skipped).</summary>
    public static TauriSchemaValidator Load(string schemaPath)
    {
        var text = ReadSchema(schemaPath);
        return new(JsonSchema.FromText(text, OwnRegistry()), "config", JsonNode.Parse(text)!.AsObject());
    }

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
        return new TauriSchemaValidator(JsonSchema.FromText(wrapper.ToJsonString(), OwnRegistry()), definition);
    }

    /// <summary>A registry of this validator's own: the schema's <c>$id</c> in the global one would make a second load in
    /// the same process (a build run twice in one test host) fail with "Overwriting registered schemas is not permitted".</summary>
    private static BuildOptions OwnRegistry() => new() { SchemaRegistry = new SchemaRegistry() };

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

    /// <summary>
    /// <paramref name="configJson"/> with every key spelled as the schema spells it: a TOML config's kebab-case aliases
    /// (<c>external-bin</c>, <c>before-dev-command</c>) become the schema's camelCase names wherever the schema, followed
    /// along the config, has a property of that name (<see cref="TauriKeyNames"/>) — free-form maps such as
    /// <c>plugins</c> keep their keys. Tauri validates only .json and .json5 configs against the schema; this lets a
    /// Tauri.toml be checked by the same rules. Both spellings of one key in one table are refused, as Tauri refuses them.
    /// </summary>
    public string CanonicalKeys(string configPath, string configJson)
    {
        var config = JsonNode.Parse(configJson);
        Canonicalize(configPath, config, [schemaDocument ?? throw new InvalidOperationException("only the config schema knows the config's keys")], "");
        return config?.ToJsonString() ?? "null";
    }

    private void Canonicalize(string configPath, JsonNode? instance, IReadOnlyList<JsonObject> schemas, string pointer)
    {
        var expanded = Expand(schemas);
        if (instance is JsonArray array)
        {
            var itemSchemas = expanded.SelectMany(subschema => subschema["items"] switch
            {
                JsonObject single => [single],
                JsonArray tuple => tuple.OfType<JsonObject>(),
                _ => [],
            }).ToList();
            for (var index = 0; index < array.Count; index++)
            {
                Canonicalize(configPath, array[index], itemSchemas, $"{pointer}/{index}");
            }

            return;
        }

        if (instance is not JsonObject table)
        {
            return;
        }

        var names = expanded.SelectMany(subschema => (subschema["properties"] as JsonObject)?.Select(property => property.Key) ?? []).Distinct().ToList();
        foreach (var (key, value) in table.ToList())
        {
            var name = names.Contains(key) ? key : names.FirstOrDefault(candidate => TauriKeyNames.Matches(key, candidate)) ?? key;
            if (name != key)
            {
                if (table.ContainsKey(name))
                {
                    throw TauriConfigException.BothSpellings(configPath, $"{pointer}/{name}", key, name);
                }

                table.Remove(key);
                table[name] = value;
            }

            var childSchemas = expanded
                .Select(subschema => (subschema["properties"] as JsonObject)?[name] as JsonObject ?? subschema["additionalProperties"] as JsonObject)
                .OfType<JsonObject>()
                .ToList();
            Canonicalize(configPath, value, childSchemas, $"{pointer}/{name}");
        }
    }

    /// <summary>The schemas and every schema they stand for through <c>$ref</c>, <c>allOf</c>, <c>anyOf</c> and <c>oneOf</c>.</summary>
    private List<JsonObject> Expand(IReadOnlyList<JsonObject> schemas)
    {
        var seen = new HashSet<JsonObject>(ReferenceEqualityComparer.Instance);
        var pending = new Queue<JsonObject>(schemas);
        while (pending.TryDequeue(out var subschema))
        {
            if (!seen.Add(subschema))
            {
                continue;
            }

            if (subschema["$ref"]?.GetValue<string>() is { } reference && reference.StartsWith("#/definitions/", StringComparison.Ordinal)
                && schemaDocument!["definitions"]?[reference["#/definitions/".Length..]] is JsonObject target)
            {
                pending.Enqueue(target);
            }

            foreach (var keyword in (string[])["allOf", "anyOf", "oneOf"])
            {
                foreach (var part in (subschema[keyword] as JsonArray)?.OfType<JsonObject>() ?? [])
                {
                    pending.Enqueue(part);
                }
            }
        }

        return [.. seen];
    }
}
