using System.Xml.Linq;

namespace Prism.Pipeline.Testing;

/// <summary>The counts of one or more TRX files, as <c>dotnet test</c> left them.</summary>
internal sealed record TestResultSummary(int Passed, int Failed, int Skipped)
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

    private static TestResultSummary ReadFile(string path)
    {
        var counters = XDocument.Load(path).Descendants(Trx + "Counters").Single();
        int Count(string name) => int.Parse(counters.Attribute(name)?.Value ?? "0");
        return new TestResultSummary(Count("passed"), Count("failed") + Count("error") + Count("timeout") + Count("aborted"),
            Count("notExecuted"));
    }
}
