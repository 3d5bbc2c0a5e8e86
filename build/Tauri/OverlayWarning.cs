namespace Prism.Pipeline.Tauri;

/// <summary>A platform config that replaces <c>externalBin</c> without some sidecars, so builds for that platform would lack them.</summary>
public sealed record OverlayWarning(string OverlayPath, IReadOnlyList<string> MissingEntries)
{
    /// <summary>The warning as people read it, with the fix.</summary>
    public string Message =>
        $"{OverlayPath}: sets externalBin without {string.Join(", ", MissingEntries)}; Tauri merges this file over the main "
        + "config with JSON Merge Patch, which replaces the whole list, so builds for this platform would not bundle "
        + "them. Add them to this file's externalBin, or remove externalBin from it.";
}
