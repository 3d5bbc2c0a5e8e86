using System.Runtime.InteropServices;
using Prism.Pipeline.Sidecars;
using Prism.Pipeline.Sidecars.Inspection;
using Prism.Pipeline.Sidecars.Publishing;

namespace Prism.Pipeline.Tests.Sidecars.Inspection;

public class SizeBudgetTests
{
    [Theory]
    [InlineData(SidecarKind.Daemon, PublishMode.NativeAot, Architecture.X64, 9)]
    [InlineData(SidecarKind.Daemon, PublishMode.NativeAot, Architecture.Arm64, 10)]
    [InlineData(SidecarKind.Daemon, PublishMode.SingleFile, Architecture.X64, 30)]
    [InlineData(SidecarKind.Daemon, PublishMode.SingleFile, Architecture.Arm64, 30)]
    [InlineData(SidecarKind.Host, PublishMode.NativeAot, Architecture.X64, 12)]
    [InlineData(SidecarKind.Host, PublishMode.NativeAot, Architecture.Arm64, 12)]
    [InlineData(SidecarKind.Host, PublishMode.SingleFile, Architecture.X64, 40)]
    [InlineData(SidecarKind.Host, PublishMode.SingleFile, Architecture.Arm64, 40)]
    public void Budget_is_the_issues_figure(SidecarKind kind, PublishMode mode, Architecture architecture, long megabytes)
    {
        Assert.Equal(megabytes * SizeBudget.Megabyte, SizeBudget.BudgetBytes(kind, mode, architecture));
    }

    [Fact]
    public void Size_at_the_budget_passes()
    {
        Assert.True(SizeBudget.Check(SidecarKind.Daemon, PublishMode.NativeAot, Architecture.X64, 9 * SizeBudget.Megabyte).WithinBudget);
    }

    [Fact]
    public void An_arm64_daemon_over_the_x64_budget_passes_within_its_own()
    {
        var size = (9 * SizeBudget.Megabyte) + 1;

        Assert.False(SizeBudget.Check(SidecarKind.Daemon, PublishMode.NativeAot, Architecture.X64, size).WithinBudget);
        Assert.True(SizeBudget.Check(SidecarKind.Daemon, PublishMode.NativeAot, Architecture.Arm64, size).WithinBudget);
        Assert.False(SizeBudget.Check(SidecarKind.Daemon, PublishMode.NativeAot, Architecture.Arm64, (10 * SizeBudget.Megabyte) + 1).WithinBudget);
    }

    [Fact]
    public void One_byte_over_fails_and_the_summary_says_so()
    {
        var result = SizeBudget.Check(SidecarKind.Host, PublishMode.SingleFile, Architecture.X64, (40 * SizeBudget.Megabyte) + 1);

        Assert.False(result.WithinBudget);
        Assert.Equal("Host (SingleFile, X64): 40.0 MiB of 40.0 MiB budget — OVER BUDGET", result.Summary);
    }

    [Fact]
    public void Summary_reports_size_and_budget()
    {
        Assert.Equal("Daemon (NativeAot, Arm64): 8.5 MiB of 10.0 MiB budget — ok",
            SizeBudget.Check(SidecarKind.Daemon, PublishMode.NativeAot, Architecture.Arm64, 8_912_896).Summary);
    }
}
