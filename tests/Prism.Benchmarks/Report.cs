namespace Prism.Benchmarks;

/// <summary>One measured command and its cold-start samples.</summary>
internal sealed record Measurement(Subject Subject, IReadOnlyList<double> Milliseconds)
{
    public double Median => Percentile(0.5);

    public double P90 => Percentile(0.9);

    private double Percentile(double fraction)
    {
        var sorted = Milliseconds.Order().ToArray();
        var rank = fraction * (sorted.Length - 1);
        var below = (int)Math.Floor(rank);
        var above = (int)Math.Ceiling(rank);
        return sorted[below] + ((sorted[above] - sorted[below]) * (rank - below));
    }
}

/// <summary>
/// What one kind of sidecar is held to. Sizes in MiB, as Verify counts them. A null goal is reported as a plain figure.
/// </summary>
/// <param name="AotFloorRatio">Native AOT cold start as a fraction of the Python floor's.</param>
internal sealed record Goals(string FirstReply, double AotSizeMb, double? AotFloorRatio, double? AotColdStartMs, double SingleFileSizeMb, double? SingleFileColdStartMs)
{
    public static Goals For(SubjectKind kind) => kind switch
    {
        // 6 MB was the goal of the protocol core alone; with the Trade Republic client (HTTP/TLS, websockets) the
        // pipeline's budget for the daemon applies: 9 MiB.
        SubjectKind.Daemon => new("spawn -> first get_status reply", AotSizeMb: 9, AotFloorRatio: 1.0 / 3, AotColdStartMs: null, SingleFileSizeMb: 30, SingleFileColdStartMs: 150),
        SubjectKind.Host => new("spawn -> first GET /api/health reply", AotSizeMb: 12, AotFloorRatio: null, AotColdStartMs: 100, SingleFileSizeMb: 40, SingleFileColdStartMs: null),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}

/// <summary>Prints one table per kind and its goals; goals are reported, never turned into a failing exit code.</summary>
internal static class Report
{
    public static void Print(SubjectKind kind, IReadOnlyList<Measurement> binaries, Measurement? floor, int runs, TextWriter output)
    {
        var goals = Goals.For(kind);
        output.WriteLine($"{kind}: cold start = {goals.FirstReply}; {runs} runs each after one unmeasured run.");
        var rows = floor is null ? binaries : [.. binaries, floor];
        var width = Math.Max(28, rows.Max(row => row.Subject.Label.Length));
        output.WriteLine($"{"label".PadRight(width)} {"bytes",12} {"MiB",7} {"median ms",10} {"p90 ms",8} {"x python",9}");
        foreach (var row in rows)
        {
            var size = row.Subject.SizeBytes is { } bytes ? $"{bytes,12} {Megabytes(bytes),7:F2}" : $"{"-",12} {"-",7}";
            var ratio = floor is null ? "-" : $"{row.Median / floor.Median:F2}";
            output.WriteLine($"{row.Subject.Label.PadRight(width)} {size} {row.Median,10:F1} {row.P90,8:F1} {ratio,9}");
        }

        foreach (var (aot, singleFile) in AotAgainstSingleFile(binaries))
        {
            output.WriteLine($"  {aot.Subject.Label}: cold start {aot.Median / singleFile.Median:F2} x that of {singleFile.Subject.Label}");
        }

        foreach (var row in binaries)
        {
            foreach (var verdict in Verdicts(row, floor, goals))
            {
                output.WriteLine($"  {row.Subject.Label}: {verdict}");
            }
        }

        output.WriteLine();
    }

    /// <summary>Each row whose label has the word "aot" with the row whose label has "single-file" in its place.</summary>
    private static IEnumerable<(Measurement Aot, Measurement SingleFile)> AotAgainstSingleFile(IReadOnlyList<Measurement> rows) =>
        from aot in rows
        let words = aot.Subject.Label.Split(' ')
        where words.Contains("aot")
        let counterpart = string.Join(' ', words.Select(word => word == "aot" ? "single-file" : word))
        from singleFile in rows.Where(row => row.Subject.Label == counterpart)
        select (aot, singleFile);

    private static IEnumerable<string> Verdicts(Measurement row, Measurement? floor, Goals goals)
    {
        var label = row.Subject.Label;
        var (sizeGoal, ratioGoal, coldStartGoal) = label.StartsWith("aot", StringComparison.OrdinalIgnoreCase) ? (goals.AotSizeMb, goals.AotFloorRatio, goals.AotColdStartMs)
            : label.StartsWith("single-file", StringComparison.OrdinalIgnoreCase) ? (goals.SingleFileSizeMb, null, goals.SingleFileColdStartMs)
            : (double.NaN, (double?)null, (double?)null);
        if (double.IsNaN(sizeGoal))
        {
            yield break;
        }

        var megabytes = Megabytes(row.Subject.SizeBytes ?? 0);
        yield return Verdict($"size {megabytes:F2} MiB <= {sizeGoal} MiB", megabytes <= sizeGoal);
        if (ratioGoal is { } ratio)
        {
            yield return floor is null
                ? "cold start vs Python floor: not measured (no python3 on PATH)"
                : Verdict($"cold start {row.Median / floor.Median:F2} x Python <= {ratio:F2} x", row.Median / floor.Median <= ratio);
        }

        if (coldStartGoal is { } milliseconds)
        {
            yield return Verdict($"cold start {row.Median:F1} ms <= {milliseconds} ms", row.Median <= milliseconds);
        }
    }

    private static string Verdict(string goal, bool met) => (met ? "met    " : "MISSED ") + goal;

    private static double Megabytes(long bytes) => bytes / 1024.0 / 1024.0;
}
