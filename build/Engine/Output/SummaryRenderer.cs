using System.Text;

namespace Prism.Pipeline.Engine.Output;

/// <summary>Renders the end-of-build table: <c>Target | Status | Duration</c>, notes under their row, total and verdict.</summary>
internal static class SummaryRenderer
{
    private const int StatusWidth = 44;

    /// <summary>The table as plain text for a terminal or a log.</summary>
    public static string RenderText(BuildSummary summary)
    {
        var nameWidth = Math.Max(8, summary.Rows.Select(row => row.Target.Length).DefaultIfEmpty(0).Max() + 4);
        var width = nameWidth + StatusWidth + 10;
        var text = new StringBuilder();
        text.AppendLine(new string('═', width));
        text.AppendLine(Row(nameWidth, "Target", "Status", "Duration"));
        text.AppendLine(new string('─', width));
        foreach (var row in summary.Rows)
        {
            text.AppendLine(Row(nameWidth, row.Target, StatusText(row), row.Status == TargetStatus.Succeeded || row.Status == TargetStatus.Failed ? Duration(row.Duration) : ""));
            foreach (var (key, value) in row.Notes)
            {
                text.AppendLine(Row(nameWidth, "", $"{key}: {value}", ""));
            }
        }

        text.AppendLine(new string('─', width));
        text.AppendLine(Row(nameWidth, "Total", "", Duration(summary.Total)));
        text.AppendLine(new string('═', width));
        text.AppendLine();
        text.AppendLine($"Build {(summary.Succeeded ? "succeeded" : "failed")} on {summary.FinishedAt:yyyy-MM-dd HH:mm:ss zzz}.");
        return text.ToString();
    }

    /// <summary>The same table as GitHub-flavoured Markdown for the job's step summary.</summary>
    public static string RenderMarkdown(BuildSummary summary)
    {
        var text = new StringBuilder();
        text.AppendLine($"### Build {(summary.Succeeded ? "succeeded" : "failed")}");
        text.AppendLine();
        text.AppendLine("| Target | Status | Duration |");
        text.AppendLine("|---|---|---|");
        foreach (var row in summary.Rows)
        {
            var notes = string.Concat(row.Notes.Select(note => $"<br>{Cell(note.Key)}: {Cell(note.Value)}"));
            text.AppendLine($"| {Cell(row.Target)} | {Cell(StatusText(row))}{notes} | {Duration(row.Duration)} |");
        }

        text.AppendLine($"| **Total** | | {Duration(summary.Total)} |");
        text.AppendLine();
        return text.ToString();
    }

    private static string StatusText(SummaryRow row) =>
        row.Reason is null ? row.Status.ToString() : $"{row.Status} ({row.Reason})";

    private static string Row(int nameWidth, string name, string status, string duration) =>
        (name.PadRight(nameWidth) + status.PadRight(StatusWidth) + " " + duration.PadLeft(8)).TrimEnd();

    /// <summary><c>m:ss</c>, or <c>&lt; 1 sec</c> so fast targets do not read as "0:00".</summary>
    private static string Duration(TimeSpan duration) =>
        duration < TimeSpan.FromSeconds(1) ? "< 1 sec" : $"{(int)duration.TotalMinutes}:{duration.Seconds:00}";

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
