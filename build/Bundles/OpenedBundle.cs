namespace Prism.Pipeline.Bundles;

/// <summary>
/// What VerifyBundle reads from one bundle: its kind, the Rust target triple its programs are for, the programs beside
/// the app's main executable by file name, and — for a .deb or .rpm — the dependencies the package declares.
/// </summary>
/// <param name="Path">The bundle on disk.</param>
/// <param name="Kind">deb, rpm, AppImage, app (a macOS .app folder) or folder (a Windows install folder).</param>
/// <param name="ProgramFolder">Where the bundle keeps its programs, for messages: <c>usr/bin</c>, <c>Contents/MacOS</c>, ….</param>
/// <param name="Triple">The triple of the bundle's sidecars; null when nothing in it says (then no sidecar can be checked).</param>
/// <param name="DependencyFormat">"deb" or "rpm" when the package declares dependencies; null for the other kinds.</param>
internal sealed record OpenedBundle(
    string Path,
    string Kind,
    string ProgramFolder,
    string? Triple,
    IReadOnlyDictionary<string, BundledProgram> Programs,
    string? DependencyFormat,
    IReadOnlyList<string> DeclaredDependencies)
{
    public string Name => System.IO.Path.GetFileName(Path.TrimEnd('/', '\\'));
}
