namespace Prism.Pipeline.Tauri;

/// <summary>A platform config that replaces a list the pipeline keeps (<c>externalBin</c>, a Linux package's depends)
/// without some of its entries, so builds for that platform would lack them.</summary>
/// <param name="OverlayPath">The platform config.</param>
/// <param name="MissingEntries">The entries its list lacks.</param>
/// <param name="List">The list, as people write its key.</param>
/// <param name="Consequence">What builds for that platform would then fail to do, completing "would not …".</param>
public sealed record OverlayWarning(string OverlayPath, IReadOnlyList<string> MissingEntries, string List = "externalBin", string Consequence = "bundle them")
{
    /// <summary>The warning as people read it, with the fix.</summary>
    public string Message =>
        $"{OverlayPath}: sets {List} without {string.Join(", ", MissingEntries)}; Tauri merges this file over the main "
        + $"config with JSON Merge Patch, which replaces the whole list, so builds for this platform would not {Consequence}. "
        + $"Add them to this file's {List}, or remove {List} from it.";
}
