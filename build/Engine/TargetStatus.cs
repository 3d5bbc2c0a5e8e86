namespace Prism.Pipeline.Engine;

/// <summary>What became of a planned target.</summary>
public enum TargetStatus
{
    /// <summary>Planned but never started: a dependency or an earlier target failed, or the build was aborted.</summary>
    NotRun,
    Succeeded,
    Failed,
    /// <summary>Not run by rule: a condition, <c>--skip</c>; the reason is recorded.</summary>
    Skipped,
    /// <summary>Running when Ctrl-C arrived.</summary>
    Aborted,
}
