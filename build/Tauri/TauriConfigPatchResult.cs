namespace Prism.Pipeline.Tauri;

/// <summary>What <see cref="TauriConfigPatcher"/> did to one config file.</summary>
/// <param name="ConfigPath">The patched file.</param>
/// <param name="Version">The config format found.</param>
/// <param name="AddedEntries">The entries appended to <c>externalBin</c>; empty when it was already complete.</param>
/// <param name="ExternalBin">The full <c>externalBin</c> list after the patch, in file order.</param>
/// <param name="AddedDependencies">The package dependencies appended, each with the list it went into.</param>
/// <param name="SchemaNote">How the result was checked against Tauri's schema, for the summary.</param>
/// <param name="DependencyNote">Why dependencies were not declared, when they could not be.</param>
public sealed record TauriConfigPatchResult(
    string ConfigPath,
    TauriConfigVersion Version,
    IReadOnlyList<string> AddedEntries,
    IReadOnlyList<string> ExternalBin,
    IReadOnlyList<(string List, string Entry)> AddedDependencies,
    string SchemaNote,
    string? DependencyNote = null)
{
    /// <summary>Whether the file was rewritten.</summary>
    public bool Changed => AddedEntries.Count > 0 || AddedDependencies.Count > 0;

    /// <summary>What was added, e.g. "src-tauri/binaries/prism to externalBin, libssl3t64 | libssl3 to bundle.linux.deb.depends".</summary>
    public string Additions => string.Join(", ",
        (AddedEntries.Count > 0 ? [$"{string.Join(", ", AddedEntries)} to externalBin"] : Array.Empty<string>())
        .Concat(AddedDependencies.Select(dependency => $"{dependency.Entry} to {dependency.List}")));

    /// <summary>One line for the build summary.</summary>
    public string Summary =>
        $"{ConfigPath}: {(Changed ? "added " + Additions : "unchanged")}; {SchemaNote}{(DependencyNote is null ? "" : "; " + DependencyNote)}";
}
