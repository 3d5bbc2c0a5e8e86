namespace Prism.Host.Bridge;

/// <summary>How to start tr-daemon: the file to execute, its arguments, and which rule found it (for the log).</summary>
internal sealed record DaemonLaunchSpec(string FileName, IReadOnlyList<string> Arguments, string FoundBy)
{
    public override string ToString() =>
        Arguments.Count == 0 ? $"{FileName} ({FoundBy})" : $"{FileName} {string.Join(' ', Arguments)} ({FoundBy})";
}

/// <summary>One place the locator looked, and what it found there.</summary>
internal sealed record TriedPath(string Path, string Layout, string Outcome)
{
    public override string ToString() => $"{Path} ({Layout}): {Outcome}";
}
