using System.Text;
using Prism.Pipeline.Sidecars;

namespace Prism.Pipeline.Tauri;

/// <summary>Makes a Tauri config's <c>externalBin</c> list every sidecar, keeping every other byte of the file, validating
/// the result against Tauri's schema before writing, and writing only when something changed.</summary>
public sealed class TauriConfigPatcher(TauriSchemaValidator validator, AtomicFile file)
{
    public TauriConfigPatcher(TauriSchemaValidator validator)
        : this(validator, new AtomicFile())
    {
    }

    /// <summary>Appends the missing <paramref name="requiredEntries"/> (paths relative to the config's folder, no triple, no .exe).</summary>
    public TauriConfigPatchResult Patch(string configPath, IReadOnlyList<string> requiredEntries)
    {
        var document = TauriConfigDocument.Load(configPath);
        EnsureEntriesUsable(document, requiredEntries);
        var missing = requiredEntries
            .Where(entry => !ExternalBinEntries.Contains(document.Entries, entry))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        var patched = missing.Length == 0 ? document.Utf8 : Splice(document, missing);
        var schemaNote = Validate(document, patched);
        if (missing.Length > 0)
        {
            file.WriteAllBytes(configPath, patched);
        }

        return new TauriConfigPatchResult(configPath, document.Version, missing, [.. document.Entries, .. missing], schemaNote);
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

    private static byte[] Splice(TauriConfigDocument document, IReadOnlyList<string> missing)
    {
        var style = JsonTextStyle.Detect(document.Utf8, document.Root);
        return new ExternalBinEditor(document.Utf8, style, document.ExternalBin).Append(missing).ApplyTo(document.Utf8);
    }

    /// <summary>Validates a v2 result; a v1 config is reported as not validated, since the pinned schema is Tauri v2's.</summary>
    private string Validate(TauriConfigDocument document, byte[] patched)
    {
        if (document.Version == TauriConfigVersion.V1)
        {
            return "NOT schema-validated: this is a Tauri v1 config and the pinned schema is v2's (migrate with `npx tauri migrate`)";
        }

        validator.EnsureValid(document.Path, Encoding.UTF8.GetString(patched));
        return "valid against Tauri's config schema";
    }
}
