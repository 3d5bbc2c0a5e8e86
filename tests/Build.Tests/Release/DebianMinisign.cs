using System.Diagnostics;

namespace Prism.Pipeline.Tests.Release;

/// <summary>Debian's minisign (package minisign), run as a user would: a check of the format that does not use our code.</summary>
internal static class DebianMinisign
{
    /// <summary>minisign on PATH, or null (the tests that need it then skip, saying so).</summary>
    public static string? Path { get; } = Environment.GetEnvironmentVariable("PATH")?.Split(System.IO.Path.PathSeparator)
        .Select(folder => System.IO.Path.Combine(folder, "minisign")).FirstOrDefault(File.Exists);

    public const string Missing = "Debian's minisign is not installed (apt-get install minisign; .ci/run installs it)";

    /// <summary>Runs minisign with its standard input closed (so a password prompt fails instead of waiting); returns exit code and output.</summary>
    public static (int ExitCode, string Output) Run(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path!) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, WorkingDirectory = workingDirectory };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var result = ProcessRunner.Run(start, TimeSpan.FromMinutes(3));
        return (result.ExitCode, result.Stdout + result.Stderr);
    }
}
