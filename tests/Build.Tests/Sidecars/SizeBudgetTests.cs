using Prism.Pipeline.Sidecars;

namespace Prism.Pipeline.Tests.Sidecars;

public class SizeBudgetTests
{
    [Theory]
    [InlineData(SidecarKind.Daemon, PublishMode.NativeAot, 9)]
    [InlineData(SidecarKind.Daemon, PublishMode.SingleFile, 30)]
    [InlineData(SidecarKind.Host, PublishMode.NativeAot, 12)]
    [InlineData(SidecarKind.Host, PublishMode.SingleFile, 40)]
    public void Budget_is_the_issues_figure(SidecarKind kind, PublishMode mode, long megabytes)
    {
        Assert.Equal(megabytes * SizeBudget.Megabyte, SizeBudget.BudgetBytes(kind, mode));
    }

    [Fact]
    public void Size_at_the_budget_passes()
    {
        Assert.True(SizeBudget.Check(SidecarKind.Daemon, PublishMode.NativeAot, 9 * SizeBudget.Megabyte).WithinBudget);
    }

    [Fact]
    public void One_byte_over_fails_and_the_summary_says_so()
    {
        var result = SizeBudget.Check(SidecarKind.Host, PublishMode.SingleFile, (40 * SizeBudget.Megabyte) + 1);

        Assert.False(result.WithinBudget);
        Assert.Equal("Host (SingleFile): 40.0 MiB of 40.0 MiB budget — OVER BUDGET", result.Summary);
    }

    [Fact]
    public void Summary_reports_size_and_budget()
    {
        Assert.Equal("Daemon (NativeAot): 8.5 MiB of 9.0 MiB budget — ok", SizeBudget.Check(SidecarKind.Daemon, PublishMode.NativeAot, 8_912_896).Summary);
    }
}
