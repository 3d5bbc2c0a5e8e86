using Prism.Pipeline.Reproducibility;
using Prism.Pipeline.Tools;

namespace Prism.Pipeline.Tests.Reproducibility;

/// <summary>Debian's diffoscope on two real files, and the bound on what of its report reaches the build's output.</summary>
public sealed class DiffoscopeTests
{
    [Fact]
    public async Task Two_differing_files_get_diffoscopes_report_of_where_they_differ()
    {
        var diffoscope = Diffoscope.Find(new ToolRunner(Serilog.Core.Logger.None, CancellationToken.None));
        Assert.SkipWhen(diffoscope is null, "diffoscope is not installed (Debian: diffoscope-minimal).");
        using var folder = new TemporaryFolder();
        var first = folder.Write("first/build.txt", "path=/tmp/prism-repro-a/prism\nsame line\n");
        var second = folder.Write("second/build.txt", "path=/tmp/prism-reproducibility-b/nested/clone/prism\nsame line\n");

        var report = await diffoscope!.DescribeAsync(first, second);

        Assert.Contains("-path=/tmp/prism-repro-a/prism", report, StringComparison.Ordinal);
        Assert.Contains("+path=/tmp/prism-reproducibility-b/nested/clone/prism", report, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_report_is_cut_to_its_first_lines_saying_how_many_were_left_out()
    {
        var lines = Enumerable.Range(1, Diffoscope.MaxLines + 25).Select(line => $"line {line}").ToList();

        var bounded = Diffoscope.Bounded(lines).Split('\n');

        Assert.Equal(Diffoscope.MaxLines + 1, bounded.Length);
        Assert.Equal($"line {Diffoscope.MaxLines}", bounded[^2]);
        Assert.Equal("… 25 more lines of diffoscope's report left out", bounded[^1]);
    }
}
