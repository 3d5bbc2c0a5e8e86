using System.Text.Json;

namespace Prism.Pipeline.Release.Provenance;

/// <summary>A file of the release (subject) or an input of the build (resolved dependency), with its digests by algorithm.</summary>
internal sealed record DigestedFile(string Name, IReadOnlyDictionary<string, string>? Digest, string? Uri = null, IReadOnlyDictionary<string, string>? Annotations = null);

/// <summary>How a release was made, as the statement records it.</summary>
internal sealed record BuildRecord(
    SourceRevision Source,
    IReadOnlyList<string> Targets,
    IReadOnlyDictionary<string, object> Parameters,
    IReadOnlyList<DigestedFile> Subjects,
    IReadOnlyList<DigestedFile> Inputs,
    string BuilderId,
    IReadOnlyDictionary<string, string> BuilderVersion);

/// <summary>
/// Writes <c>provenance.intoto.json</c>: an in-toto Statement v1 (<c>https://in-toto.io/Statement/v1</c>) whose
/// predicate is SLSA Provenance v1 (<c>https://slsa.dev/provenance/v1</c>): the subjects with their SHA-256; the
/// build definition (this build's type, the source and the targets and parameters as external parameters, the
/// source time and a dirty work tree as internal ones, the commit, lock files and toolchain as resolved
/// dependencies); the builder (the CI run, or this machine). Unsigned: SHA256SUMS lists it and its signature covers it.
/// </summary>
internal static class ProvenanceStatement
{
    public const string FileName = "provenance.intoto.json";
    public const string StatementType = "https://in-toto.io/Statement/v1";
    public const string PredicateType = "https://slsa.dev/provenance/v1";

    /// <summary>How to read this statement's parameters: Prism's Pack, version 1 of this layout (README, "Verifying a release").</summary>
    public const string BuildType = "urn:prism:build-type:pack:v1";

    // Relaxed escaping: "git+https://…" stays readable ('+' would otherwise be written \u002B); the file is UTF-8 JSON, not HTML.
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Write(BuildRecord record)
    {
        var statement = new Dictionary<string, object>
        {
            ["_type"] = StatementType,
            ["subject"] = record.Subjects.Select(Descriptor).ToList(),
            ["predicateType"] = PredicateType,
            ["predicate"] = new Dictionary<string, object>
            {
                ["buildDefinition"] = new Dictionary<string, object>
                {
                    ["buildType"] = BuildType,
                    ["externalParameters"] = new Dictionary<string, object>
                    {
                        ["source"] = new Dictionary<string, object> { ["uri"] = record.Source.Repository, ["digest"] = new Dictionary<string, string> { ["gitCommit"] = record.Source.Commit } },
                        ["targets"] = record.Targets,
                        ["parameters"] = record.Parameters,
                    },
                    ["internalParameters"] = new Dictionary<string, object>
                    {
                        ["sourceDateEpoch"] = record.Source.SourceDateEpoch,
                        ["workTreeDirty"] = record.Source.Dirty,
                    },
                    ["resolvedDependencies"] = new[] { SourceDependency(record.Source) }.Concat(record.Inputs.Select(Descriptor)).ToList(),
                },
                ["runDetails"] = new Dictionary<string, object>
                {
                    ["builder"] = new Dictionary<string, object> { ["id"] = record.BuilderId, ["version"] = record.BuilderVersion },
                },
            },
        };
        return [.. JsonSerializer.SerializeToUtf8Bytes(statement, Json), (byte)'\n'];
    }

    private static Dictionary<string, object> SourceDependency(SourceRevision source) => new()
    {
        ["uri"] = $"git+{source.Repository}@{source.Commit}",
        ["digest"] = new Dictionary<string, string> { ["gitCommit"] = source.Commit },
    };

    /// <summary>An in-toto ResourceDescriptor: name, digest, and uri/annotations when given.</summary>
    private static Dictionary<string, object> Descriptor(DigestedFile file)
    {
        var descriptor = new Dictionary<string, object> { ["name"] = file.Name };
        if (file.Digest is { Count: > 0 } digest)
        {
            descriptor["digest"] = digest;
        }

        if (file.Uri is { } uri)
        {
            descriptor["uri"] = uri;
        }

        if (file.Annotations is { Count: > 0 } annotations)
        {
            descriptor["annotations"] = annotations;
        }

        return descriptor;
    }
}
