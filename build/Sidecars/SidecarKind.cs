namespace Prism.Pipeline.Sidecars;

/// <summary>Which sidecar a binary is: the smoke check and the size budgets differ.</summary>
public enum SidecarKind
{
    Daemon,
    Host,
}
