namespace Prism.Pipeline.Smoke;

/// <summary>How one binary fared: the time from spawn to its first reply, and every check that failed.</summary>
internal sealed record SmokeResult(string Binary, TimeSpan? FirstReply, IReadOnlyList<string> Failures)
{
    public bool Passed => Failures.Count == 0;

    public string FirstReplyText => FirstReply is { } time ? $"{time.TotalMilliseconds:0} ms to first reply" : "no reply";
}
