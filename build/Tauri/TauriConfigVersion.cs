namespace Prism.Pipeline.Tauri;

/// <summary>The Tauri config format: v1 keeps the bundle under <c>tauri.bundle</c>, v2 at <c>bundle</c>.</summary>
public enum TauriConfigVersion
{
    V1,
    V2,
}
