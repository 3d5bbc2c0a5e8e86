namespace Prism.Pipeline.Tauri;

/// <summary>What <see cref="TauriConfigPatcher"/> did to one config file.</summary>
/// <param name="ConfigPath">The patched file.</param>
/// <param name="Version">The config format found.</param>
/// <param name="AddedEntries">The entries appended; empty when the file was already complete.</param>
/// <param name="ExternalBin">The full <c>externalBin</c> list after the patch, in file order.</param>
/// <param name="SchemaNote">How the result was checked against Tauri's schema, for the summary.</param>
public sealed record TauriConfigPatchResult(
    string ConfigPath,
    TauriConfigVersion Version,
    IReadOnlyList<string> AddedEntries,
    IReadOnlyList<string> ExternalBin,
    string SchemaNote)
{
    /// <summary>Whether the file was rewritten.</summary>
    public bool Changed => AddedEntries.Count > 0;

    /// <summary>One line for the build summary.</summary>
    public string Summary => Changed
        ? $"{ConfigPath}: added {string.Join(", ", AddedEntries)} to externalBin; {SchemaNote}"
        : $"{ConfigPath}: unchanged; {SchemaNote}";
}
