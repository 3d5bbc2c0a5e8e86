using Prism.Pipeline.Testing;

namespace Prism.Pipeline.Tests.Testing;

/// <summary>The Test target's summary counts the published-binary suites' rows per platform, from the TRX files.</summary>
public sealed class TestResultSummaryTests
{
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
