using System.Diagnostics;

namespace Prism.Benchmarks;

/// <summary>Which sidecar a binary is: the daemon answers on stdin/stdout, the host over HTTP.</summary>
internal enum SubjectKind
{
    Daemon,
    Host,
}

/// <summary>A command to measure, named for the report: a published binary, a <c>.dll</c> run with dotnet, or a Python floor.</summary>
internal sealed record Subject(SubjectKind Kind, string Label, string FileName, IReadOnlyList<string> Arguments, long? SizeBytes)
{
    /// <summary>A published sidecar (or its <c>.dll</c>, run with dotnet); its size is the file's.</summary>
    public static Subject Binary(SubjectKind kind, string label, string path) =>
        path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? new(kind, label, "dotnet", [path], new FileInfo(path).Length)
            : new(kind, label, path, [], new FileInfo(path).Length);

    /// <summary>The command as started, for progress lines: the program, then its arguments.</summary>
    public string CommandLine => string.Join(' ', Arguments.Prepend(FileName));

    /// <summary>The same binary started behind <paramref name="prefix"/> (an emulator and its arguments); unchanged for no prefix.</summary>
    public Subject Behind(IReadOnlyList<string> prefix) =>
        prefix.Count == 0 ? this : this with { FileName = prefix[0], Arguments = [.. prefix.Skip(1), FileName, .. Arguments] };

    /// <summary>How to start one run: stdin and stdout piped, a throwaway data folder, warnings-only logging.</summary>
    public ProcessStartInfo StartInfo(params string[] extraArguments)
    {
        var startInfo = new ProcessStartInfo(FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in Arguments.Concat(extraArguments))
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["PRISM_DATA_DIR"] = Path.Combine(Path.GetTempPath(), "prism-benchmark");
        startInfo.Environment["PRISM_LOG_LEVEL"] = "Warning";
        return startInfo;
    }
}
