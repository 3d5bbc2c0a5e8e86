namespace Prism.Pipeline.Sidecars.Inspection;

/// <summary>What a binary asks of the OS it runs on, against what the app promises: the figure for the summary, and the
/// problems (empty when the binary runs everywhere the app does).</summary>
internal sealed record FloorCheck(string Figure, IReadOnlyList<string> Problems);
