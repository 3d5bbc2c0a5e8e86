namespace Prism.Platform;

/// <summary>The operating system family a runtime identifier or target triple builds for.</summary>
public enum TargetOs
{
    Windows,
    Linux,
    MacOS,
}
