namespace Prism.Pipeline.Sidecars;

/// <summary>One failed check on a staged binary: which check, and a message saying what, where and how to fix it.</summary>
public sealed record CheckFailure(string Check, string Message);

/// <summary>The result of inspecting one staged binary for one triple; passed when no check failed.</summary>
public sealed record InspectionResult(string Path, string Triple, IReadOnlyList<CheckFailure> Failures)
{
    public bool Passed => Failures.Count == 0;
}
