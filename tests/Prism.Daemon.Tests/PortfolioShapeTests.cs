using Prism.Daemon.Tests.Support;
using Prism.FakeTradeRepublic;

namespace Prism.Daemon.Tests;

/// <summary>
/// Positions in every form Trade Republic is reported to send them by late 2026 — without ISIN, with the buy-in as an
/// object or missing — and in forms nobody reported: each is listed with what could be read, the log counts the odd
/// ones at Warning without naming holdings, and no odd position fails the fetch.
/// </summary>
public sealed class PortfolioShapeTests
{
    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Positions_without_isin_and_with_an_object_or_missing_buy_in_are_listed(string daemon)
    {
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken, new Dictionary<string, string> { ["PRISM_LOG_LEVEL"] = "Information" });
        await rig.LogInAsync();

        var positions = (await rig.CallAsync("fetch_portfolio")).GetProperty("positions").EnumerateArray().ToList();

        var bitcoin = Assert.Single(positions, p => !p.TryGetProperty("isin", out _));
        Assert.Equal(FakeAccount.InstrumentIdOnly, bitcoin.GetProperty("instrument_id").GetString());
        Assert.Equal("41000", bitcoin.GetProperty("average_buy_in").GetString());
        Assert.All(positions.Where(p => p.TryGetProperty("isin", out _)), p => Assert.False(p.TryGetProperty("instrument_id", out _), $"A position with an ISIN also has an instrument_id: {p}"));
        Assert.Equal("98.76", positions.Single(p => p.TryGetProperty("isin", out var isin) && isin.GetString() == "LU0274208692").GetProperty("average_buy_in").GetString());
        var sap = positions.Single(p => p.TryGetProperty("isin", out var isin) && isin.GetString() == "DE0007164600");
        Assert.False(sap.TryGetProperty("average_buy_in", out _));
        Assert.Equal("462.20", sap.GetProperty("value").GetString());

        // The missing buy-in is the one unexpected thing; the log counts it, naming no holding.
        var log = await rig.StderrAfterShutdownAsync();
        Assert.Contains("[WRN] 1 of 9 portfolio position(s) came in an unexpected form and are listed with what could be read (no averageBuyIn: 1)", log, StringComparison.Ordinal);
        Assert.DoesNotContain("DE0007164600", log, StringComparison.Ordinal);
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Positions_in_unreported_forms_never_fail_the_fetch(string daemon)
    {
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken);
        await rig.LogInAsync();
        rig.Server.Scenario.UnusualPositions = true;

        var portfolio = await rig.CallAsync("fetch_portfolio");

        // The buy-in given as a list: listed without it. Without ISIN and instrument id: nothing to list it by, left out.
        Assert.Equal(
            [.. FakeAccount.ExpectedPortfolio.SkipLast(1), $"isin={FakeAccount.UnusualBuyInIsin} instrument_id=- name=adidas quantity=1.5 average_buy_in=- price=- exchange=- value=-", FakeAccount.ExpectedPortfolio[^1]],
            FakeAccount.Describe(portfolio));
        var log = await rig.StderrAfterShutdownAsync();
        Assert.Contains("[WRN] 2 of 10 portfolio position(s) came in an unexpected form and are listed with what could be read (no averageBuyIn: 1; averageBuyIn is a list, not a decimal: 1)", log, StringComparison.Ordinal);
        Assert.Contains("[WRN] Left out 1 portfolio position(s) Trade Republic sent without an ISIN or instrument id or without a quantity (neither isin nor instrumentId: 1)", log, StringComparison.Ordinal);
        // At Debug (the tests' default) each is named.
        Assert.Contains($"Position {FakeAccount.UnusualBuyInIsin}: averageBuyIn is a list, not a decimal", log, StringComparison.Ordinal);
    }

    /// <summary>Bought directly and through a savings plan: one position, as the person holds it once.</summary>
    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task A_security_held_in_two_categories_is_one_position_with_summed_quantity_and_weighted_buy_in(string daemon)
    {
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken);
        await rig.LogInAsync();
        rig.Server.Scenario.HeldInTwoCategories = true;

        var portfolio = await rig.CallAsync("fetch_portfolio");

        Assert.Equal([FakeAccount.HeldInTwoCategoriesPosition, .. FakeAccount.ExpectedPortfolio.Skip(1)], FakeAccount.Describe(portfolio));
        // Its price was asked once, like every other security's.
        Assert.Single(rig.Server.Subscriptions.Topics, topic => topic == """{"type":"instrument","id":"IE00B4L5Y983"}""");
    }
}
