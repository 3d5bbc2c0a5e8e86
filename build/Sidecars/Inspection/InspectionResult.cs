namespace Prism.Pipeline.Sidecars.Inspection;

/// <summary>The result of inspecting one staged binary for one triple; passed when no check failed.</summary>
public sealed record InspectionResult(string Path, string Triple, IReadOnlyList<CheckFailure> Failures)
{
    public bool Passed => Failures.Count == 0;
}
