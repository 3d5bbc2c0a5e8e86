using System.Xml.Linq;

namespace Prism.Pipeline.Tools;

/// <summary>The counts of one or more TRX files, as <c>dotnet test</c> left them.</summary>
internal sealed partial record TestResultSummary(int Passed, int Failed, int Skipped)
{
    private static readonly XNamespace Trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    /// <summary>The line people and CI read: "N passed, N failed, N skipped".</summary>
    public override string ToString() => $"{Passed} passed, {Failed} failed, {Skipped} skipped";

    /// <summary>Adds up every <c>*.trx</c> under <paramref name="folder"/>.</summary>
    public static TestResultSummary Read(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.trx", SearchOption.AllDirectories)
                .Select(ReadFile)
                .Aggregate(new TestResultSummary(0, 0, 0), (sum, next) =>
                    new TestResultSummary(sum.Passed + next.Passed, sum.Failed + next.Failed, sum.Skipped + next.Skipped))
            : new TestResultSummary(0, 0, 0);

    /// <summary>
    /// The counts per platform row of the published-binary suites (<c>linux-arm64 aot (qemu-user)</c>, …), read from
    /// the theory argument in each test's name, as one line per row; empty when no test ran such a row.
    /// </summary>
    public static IReadOnlyList<string> PerPlatform(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.trx", SearchOption.AllDirectories)
                .SelectMany(path => XDocument.Load(path).Descendants(Trx + "UnitTestResult"))
                .Select(result => (Row: PlatformRow().Match(result.Attribute("testName")?.Value ?? ""), Outcome: result.Attribute("outcome")?.Value))
                .Where(result => result.Row.Success)
                .GroupBy(result => result.Row.Groups["row"].Value, StringComparer.Ordinal)
                .OrderBy(group => group.Key, StringComparer.Ordinal)
                .Select(group => $"{group.Key}: " + new TestResultSummary(
                    group.Count(result => result.Outcome == "Passed"),
                    group.Count(result => result.Outcome is "Failed" or "Error" or "Timeout" or "Aborted"),
                    group.Count(result => result.Outcome == "NotExecuted")))
                .ToList()
            : [];

    [System.Text.RegularExpressions.GeneratedRegex(@"\(\w+: ""(?<row>[a-z]+(?:-[a-z0-9]+)+ (?:aot|single-file) \((?:native|qemu-user|wine)\))""\)")]
    private static partial System.Text.RegularExpressions.Regex PlatformRow();

    private static TestResultSummary ReadFile(string path)
    {
        var counters = XDocument.Load(path).Descendants(Trx + "Counters").Single();
        int Count(string name) => int.Parse(counters.Attribute(name)?.Value ?? "0");
        // VSTest counts a skipped test as neither executed nor "notExecuted": it is the difference of total and executed.
        return new TestResultSummary(Count("passed"), Count("failed") + Count("error") + Count("timeout") + Count("aborted"),
            Math.Max(Count("notExecuted"), Count("total") - Count("executed")));
    }
}
