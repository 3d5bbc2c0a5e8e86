namespace Prism.Pipeline.Smoke;

/// <summary>How one binary fared: the time from spawn to its first reply, and every check that failed.</summary>
internal sealed record SmokeResult(string Binary, TimeSpan? FirstReply, IReadOnlyList<string> Failures)
{
    public bool Passed => Failures.Count == 0;

    public string FirstReplyText => FirstReply is { } time ? $"{time.TotalMilliseconds:0} ms to first reply" : "no reply";

    /// <summary>The program never said it was ready: what it printed instead, and the end of its stderr.</summary>
    public static SmokeResult NoReadyLine(string binary, TimeSpan waited, string? got, string stderrTail) =>
        new(binary, null, [$"no ready line within {waited.TotalSeconds:0} s (got: {got ?? "nothing"}; stderr: {stderrTail})"]);

    /// <summary>What is wrong with how the program ended once its stdin closed; null when it exited with 0 in time.</summary>
    public static string? ExitProblem(int? exitCode, TimeSpan waited) => exitCode switch
    {
        0 => null,
        null => $"still running {waited.TotalSeconds:0} s after stdin closed",
        _ => $"exit code {exitCode} after stdin closed, expected 0",
    };
}
