using Prism.Pipeline.Tools;

namespace Prism.Pipeline.Reproducibility;

/// <summary>
/// Where two files differ, as Debian's <c>diffoscope</c> shows it (it unpacks archives and disassembles binaries as far
/// as its installed tools allow), kept short: a failed check prints it for each differing file. Not installed: null.
/// </summary>
internal sealed class Diffoscope(ToolRunner tools, string program)
{
    /// <summary>At most this many lines of each report reach the build's output.</summary>
    public const int MaxLines = 40;

    /// <summary>diffoscope's own bounds: its report size and its running time (an archive of binaries can take long).</summary>
    private const int MaxReportBytes = 16_000;
    private const int TimeoutSeconds = 120;

    public static Diffoscope? Find(ToolRunner tools) => ExecutableSearch.Find("diffoscope") is { } program ? new Diffoscope(tools, program) : null;

    /// <summary>The first <see cref="MaxLines"/> lines of diffoscope's text report on the two files, with a last line saying how much was left out.</summary>
    public async Task<string> DescribeAsync(string first, string second)
    {
        var (exitCode, output) = await tools.CaptureAsync(program,
            ["--text", "-", "--no-progress", "--max-text-report-size", MaxReportBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "--timeout", TimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), first, second],
            Path.GetDirectoryName(first)!);
        // diffoscope exits 1 when the files differ (the report is on stdout), 0 when it finds them equal, 2 on its own error.
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return exitCode switch
        {
            0 => "diffoscope finds no difference in their content (the difference is in what it does not unpack).",
            1 => Bounded(lines),
            _ => $"diffoscope could not compare them (exit code {exitCode}).",
        };
    }

    public static string Bounded(IReadOnlyList<string> lines) =>
        string.Join('\n', lines.Take(MaxLines)) + (lines.Count > MaxLines ? $"\n… {lines.Count - MaxLines} more lines of diffoscope's report left out" : "");
}
