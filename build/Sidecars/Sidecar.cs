namespace Prism.Pipeline.Sidecars;

/// <summary>A program Tauri ships beside the app: its sidecar name (the file name before the triple) and its project.</summary>
internal sealed record Sidecar(string Name, string Project, SidecarKind Kind)
{
    public override string ToString() => Name;
}
