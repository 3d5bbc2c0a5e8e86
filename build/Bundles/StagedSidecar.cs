namespace Prism.Pipeline.Bundles;

/// <summary>A sidecar as Stage left it for one triple: its name, the staged file (which may since have changed or gone),
/// and the SHA-256 Stage recorded for it (null when there is no staging record).</summary>
internal sealed record StagedSidecar(string Name, string StagedFileName, string StagedPath, string? RecordedSha256);
