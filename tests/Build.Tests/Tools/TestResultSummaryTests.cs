using Prism.Pipeline.Tools;

namespace Prism.Pipeline.Tests.Tools;

/// <summary>The closing line CI reads ("N passed, N failed, N skipped") and the per-platform rows are counted from the TRX files dotnet test leaves.</summary>
public sealed class TestResultSummaryTests
{
    /// <summary>A TRX file's counters as VSTest writes them: a skipped test is left out of "executed", and "notExecuted" stays 0.</summary>
    private static string Trx(int total, int passed, int failed, int skipped, int error = 0, int timeout = 0, int aborted = 0) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <TestRun id="6d7c1c1e-0000-0000-0000-000000000000" name="run" xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
          <ResultSummary outcome="{(failed > 0 ? "Failed" : "Completed")}">
            <Counters total="{total}" executed="{total - skipped}" passed="{passed}" failed="{failed}" error="{error}" timeout="{timeout}" aborted="{aborted}" inconclusive="0" passedButRunAborted="0" notRunnable="0" notExecuted="0" disconnected="0" warning="0" completed="0" inProgress="0" pending="0" />
          </ResultSummary>
        </TestRun>
        """;

    [Fact]
    public void Counts_of_every_trx_file_below_the_folder_are_added_up()
    {
        using var folder = new TemporaryFolder();
        folder.Write("Build.Tests.trx", Trx(total: 12, passed: 10, failed: 1, skipped: 1));
        folder.Write(Path.Combine("nested", "Prism.Host.Tests.trx"), Trx(total: 7, passed: 5, failed: 0, skipped: 2));
        folder.Write("notes.txt", "not a result file");

        var summary = TestResultSummary.Read(folder.Path);

        Assert.Equal("15 passed, 1 failed, 3 skipped", summary.ToString());
    }

    [Fact]
    public void Errors_timeouts_and_aborts_count_as_failures()
    {
        using var folder = new TemporaryFolder();
        folder.Write("a.trx", Trx(total: 6, passed: 2, failed: 1, skipped: 0, error: 1, timeout: 1, aborted: 1));

        Assert.Equal("2 passed, 4 failed, 0 skipped", TestResultSummary.Read(folder.Path).ToString());
    }

    [Fact]
    public void A_missing_results_folder_reads_as_nothing_run()
    {
        using var folder = new TemporaryFolder();

        Assert.Equal("0 passed, 0 failed, 0 skipped", TestResultSummary.Read(Path.Combine(folder.Path, "absent")).ToString());
    }

    [Fact]
    public void Rows_of_each_platform_are_counted_by_outcome_and_other_tests_are_left_out()
    {
        using var folder = new TemporaryFolder();
        folder.Write("a.trx", """
            <?xml version="1.0" encoding="utf-8"?>
            <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
              <Results>
                <UnitTestResult testName="Prism.Daemon.Tests.LifecycleTests.Ctrl_C(daemon: &quot;win-x64 single-file (wine)&quot;)" outcome="Passed" />
                <UnitTestResult testName="Prism.Daemon.Tests.LifecycleTests.SIGTERM(daemon: &quot;win-x64 single-file (wine)&quot;)" outcome="NotExecuted" />
                <UnitTestResult testName="Prism.Host.Tests.PublishedHostTests.Session(binary: &quot;linux-arm64 aot (qemu-user)&quot;)" outcome="Failed" />
                <UnitTestResult testName="Prism.Daemon.Tests.LifecycleTests.Ctrl_C(daemon: &quot;linux-x64 aot (native)&quot;)" outcome="Passed" />
                <UnitTestResult testName="Prism.Daemon.Tests.LifecycleTests.Ctrl_C(daemon: &quot;jit&quot;)" outcome="Passed" />
                <UnitTestResult testName="Prism.Platform.Tests.TargetTableTests.Known" outcome="Passed" />
              </Results>
              <ResultSummary><Counters passed="4" failed="1" notExecuted="1" /></ResultSummary>
            </TestRun>
            """);

        Assert.Equal(
            ["linux-arm64 aot (qemu-user): 0 passed, 1 failed, 0 skipped", "linux-x64 aot (native): 1 passed, 0 failed, 0 skipped", "win-x64 single-file (wine): 1 passed, 0 failed, 1 skipped"],
            TestResultSummary.PerPlatform(folder.Path));
    }
}
