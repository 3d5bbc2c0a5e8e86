namespace Prism.Pipeline.Engine;

/// <summary>How much the build prints (NUKE's levels).</summary>
public enum Verbosity
{
    Quiet,
    Minimal,
    Normal,
    Verbose,
}
