namespace Prism.Pipeline.Emulation;

/// <summary>How to start one binary on its route: the program to execute, its arguments, and the environment it needs on top of the caller's.</summary>
internal sealed record LaunchCommand(string FileName, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment);
