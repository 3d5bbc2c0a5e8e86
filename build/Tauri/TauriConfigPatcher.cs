using Prism.Pipeline.Tools;

namespace Prism.Pipeline.Tauri;

/// <summary>Makes a Tauri config's <c>externalBin</c> list every sidecar and its Linux packages depend on what the
/// sidecars need, keeping every other byte of the file, validating the result against Tauri's schema before writing,
/// and writing only when something changed.</summary>
public sealed class TauriConfigPatcher(TauriSchemaValidator validator, AtomicFile file)
{
    public TauriConfigPatcher(TauriSchemaValidator validator)
        : this(validator, new AtomicFile())
    {
    }

    /// <summary>Appends the missing <paramref name="requiredEntries"/> (paths relative to the config's folder, no triple, no .exe).</summary>
    public TauriConfigPatchResult Patch(string configPath, IReadOnlyList<string> requiredEntries) =>
        Patch(configPath, requiredEntries, []);

    /// <summary>Appends the missing <paramref name="requiredEntries"/> to <c>externalBin</c> and, in a v2 config, each of
    /// <paramref name="dependencies"/> the user's own entries do not already declare.</summary>
    public TauriConfigPatchResult Patch(string configPath, IReadOnlyList<string> requiredEntries, IReadOnlyList<LinuxPackageDependency> dependencies)
    {
        var original = TauriConfigDocument.Load(configPath);
        EnsureEntriesUsable(original, requiredEntries);
        var missing = requiredEntries
            .Where(entry => !ExternalBinEntries.Contains(original.Entries, entry))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        var document = missing.Length == 0 ? original : Reparse(original, original.Append(original.ExternalBin, missing));
        var added = new List<LinuxPackageDependency>();
        if (original.Version == TauriConfigVersion.V2)
        {
            foreach (var dependency in dependencies)
            {
                var location = document.Find(dependency.KeyPath, "package names");
                if (!dependency.IsDeclaredBy(location.Entries.Select(entry => entry.StringValue!)))
                {
                    document = Reparse(document, document.Append(location, [dependency.Entry]));
                    added.Add(dependency);
                }
            }
        }

        var schemaNote = Validate(original, document);
        if (missing.Length > 0 || added.Count > 0)
        {
            file.WriteAllBytes(configPath, document.Utf8);
        }

        var dependencyNote = original.Version == TauriConfigVersion.V1 && dependencies.Count > 0
            ? "Linux package dependencies NOT declared (a Tauri v1 config): add by hand " +
              string.Join(", ", dependencies.Select(dependency => $"\"{dependency.Entry}\" to the {dependency.Format} depends"))
            : null;
        return new TauriConfigPatchResult(configPath, original.Version, missing, [.. original.Entries, .. missing],
            [.. added.Select(dependency => (dependency.KeyPathText, dependency.Entry))], schemaNote, dependencyNote);
    }

    /// <summary>Rejects entries Tauri would mishandle, the file's own ones at their line and column.</summary>
    private static void EnsureEntriesUsable(TauriConfigDocument document, IReadOnlyList<string> requiredEntries)
    {
        foreach (var entry in document.ExternalBin.Entries)
        {
            ExternalBinEntries.EnsureUsable(entry.StringValue!, document.PositionOf(entry.Start).ToString());
        }

        foreach (var entry in requiredEntries)
        {
            ExternalBinEntries.EnsureUsable(entry, $"{document.Path}: the pipeline's sidecar list");
        }
    }

    /// <summary>The document after one splice, parsed again so the next splice sees where everything now is.</summary>
    private static TauriConfigDocument Reparse(TauriConfigDocument document, byte[] patched) =>
        TauriConfigDocument.Parse(document.Path, patched, document.Version);

    /// <summary>Validates a v2 result; a v1 config is reported as not validated, since the pinned schema is Tauri v2's.</summary>
    private string Validate(TauriConfigDocument original, TauriConfigDocument patched)
    {
        if (original.Version == TauriConfigVersion.V1)
        {
            return "NOT schema-validated: this is a Tauri v1 config and the pinned schema is v2's (migrate with `npx tauri migrate`)";
        }

        validator.EnsureValid(patched.Path, patched.ToSchemaJson(validator));
        return "valid against Tauri's config schema";
    }
}
