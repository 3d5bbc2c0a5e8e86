using System.Diagnostics;
using Prism.Daemon.Tests.Support;
using Prism.FakeTradeRepublic;

namespace Prism.Daemon.Tests;

/// <summary>
/// Prices are an extra on the portfolio: a ticker refused (instrument not on LSX) or silent past
/// PRISM_TR_PRICE_TIMEOUT_S leaves its position without price and value, says why in the log, and the fetch succeeds.
/// </summary>
public sealed class PriceTests
{
    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task A_ticker_refused_leaves_only_its_position_without_price_and_says_why(string daemon)
    {
        // The level a user runs with (the tests' default is Debug).
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken, new Dictionary<string, string> { ["PRISM_LOG_LEVEL"] = "Information" });
        await rig.LogInAsync();

        var portfolio = await rig.CallAsync("fetch_portfolio");

        Assert.Equal(FakeAccount.ExpectedPortfolio, FakeAccount.Describe(portfolio));
        var positions = portfolio.GetProperty("positions").EnumerateArray().ToList();
        Assert.Equal("LU0274208692", positions[2].GetProperty("isin").GetString());
        Assert.False(positions[2].TryGetProperty("price", out _));
        Assert.False(positions[2].TryGetProperty("value", out _));
        // At the usual level the log counts, but does not list the holdings.
        var log = await StderrAfterShutdownAsync(rig);
        Assert.Contains("Prices for 2 of 3 instruments", log, StringComparison.Ordinal);
        Assert.DoesNotContain("LU0274208692", log, StringComparison.Ordinal);
        rig.AssertNoSecretLeaked();
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Silent_tickers_cost_the_price_budget_not_the_fetch(string daemon)
    {
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken, new Dictionary<string, string> { ["PRISM_TR_PRICE_TIMEOUT_S"] = "1" });
        await rig.LogInAsync();
        rig.Server.Scenario.TickersSilent = true;

        var clock = Stopwatch.StartNew();
        var portfolio = await rig.CallAsync("fetch_portfolio");

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(20));
        var positions = portfolio.GetProperty("positions").EnumerateArray().ToList();
        Assert.Equal(["12.5", "3", "0.123456"], positions.Select(p => p.GetProperty("quantity").GetString()));
        Assert.All(positions, p => Assert.False(p.TryGetProperty("price", out _) || p.TryGetProperty("value", out _), $"A silent ticker gave a price: {p}"));
        Assert.Equal("1234.56", Assert.Single(portfolio.GetProperty("cash").EnumerateArray()).GetProperty("amount").GetString());

        // The next fetch, with the tickers answering again, has its prices: the silent ones cost nothing lasting.
        rig.Server.Scenario.TickersSilent = false;
        Assert.Equal(FakeAccount.ExpectedPortfolio, FakeAccount.Describe(await rig.CallAsync("fetch_portfolio")));
        // At Debug (the tests' default) the log says why each price is missing.
        var log = await StderrAfterShutdownAsync(rig);
        Assert.Contains("No price for IE00B4L5Y983: its ticker did not answer within 1 s", log, StringComparison.Ordinal);
        Assert.Contains($"No price for LU0274208692: Trade Republic refused its ticker ({FakeAccount.TickerErrorCode})", log, StringComparison.Ordinal);
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task A_slow_portfolio_leaves_prices_only_the_time_left_of_the_fetch(string daemon)
    {
        // Chosen not to run emulated: it checks the daemon's own split of a 3 s budget to the half second, and an
        // emulator slows the daemon by more than that margin (seen under qemu-user); nothing in it differs per platform.
        var emulator = DaemonTarget.Resolve(daemon).Binary?.Emulator;
        Assert.SkipWhen(emulator is not null,
            $"Times the daemon's split of a 3 s fetch budget to the half second; {emulator} slows the daemon by more than that margin, so the native rows check it.");
        // Prices may wait 2 s, but the fetch as a whole only 3 s, and the portfolio itself takes 2.5 s of them.
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken, new Dictionary<string, string>
        {
            ["PRISM_TR_TIMEOUT_S"] = "3",
            ["PRISM_TR_PRICE_TIMEOUT_S"] = "2",
        });
        await rig.LogInAsync();
        rig.Server.Scenario.PortfolioDelay = TimeSpan.FromSeconds(2.5);
        rig.Server.Scenario.TickersSilent = true;

        var positions = (await rig.CallAsync("fetch_portfolio")).GetProperty("positions").EnumerateArray().ToList();

        Assert.Equal(3, positions.Count);
        Assert.All(positions, p => Assert.False(p.TryGetProperty("price", out _), $"A silent ticker gave a price: {p}"));
        Assert.Contains("No prices: the portfolio took the fetch's whole time limit", await StderrAfterShutdownAsync(rig), StringComparison.Ordinal);
    }

    /// <summary>Everything the daemon logged, once it has exited (so no line is still on its way).</summary>
    private static async Task<string> StderrAfterShutdownAsync(SessionRig rig)
    {
        Assert.Equal("shutting_down", (await rig.CallAsync("shutdown")).GetProperty("status").GetString());
        await rig.Daemon.ReadToEndAsync();
        Assert.Equal(0, await rig.Daemon.WaitForExitAsync());
        return rig.Daemon.Stderr;
    }
}
