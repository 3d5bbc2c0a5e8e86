using System.Diagnostics;
using Prism.Daemon.Tests.Support;
using Prism.FakeTradeRepublic;

namespace Prism.Daemon.Tests;

/// <summary>
/// Prices as pytr finds them: the instrument's details first, then its ticker on the first exchange they list, bonds
/// valued in percent. They are an extra on the portfolio: a ticker refused or silent past PRISM_TR_PRICE_TIMEOUT_S
/// leaves its position without price and value, says why in the log, and the fetch succeeds.
/// </summary>
public sealed partial class PriceTests
{
    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Prices_come_from_the_first_exchange_of_each_instrument_and_bonds_are_valued_in_percent(string daemon)
    {
        // The level a user runs with (the tests' default is Debug).
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken, new Dictionary<string, string> { ["PRISM_LOG_LEVEL"] = "Information" });
        await rig.LogInAsync();

        var portfolio = await rig.CallAsync("fetch_portfolio");

        Assert.Equal(FakeAccount.ExpectedPortfolio, FakeAccount.Describe(portfolio));
        var positions = portfolio.GetProperty("positions").EnumerateArray().ToDictionary(p => (p.TryGetProperty("isin", out var isin) ? isin : p.GetProperty("instrument_id")).GetString()!);
        // Traded on Tradegate only: priced there, and the venue says so.
        Assert.Equal("TDG", positions[FakeAccount.OffLsxIsin].GetProperty("exchange").GetString());
        // Bonds: 1000 nominal at 98.45 % is worth 984.50, not 98450 — by the instrument's type, and by the maturity in a name.
        Assert.Equal("984.50", positions[FakeAccount.BondByTypeIsin].GetProperty("value").GetString());
        Assert.Equal("499.375", positions[FakeAccount.BondByNameIsin].GetProperty("value").GetString());
        // Delisted (no exchange at all): no price, no value, no venue.
        Assert.False(positions[FakeAccount.UnpricedIsin].TryGetProperty("price", out _));
        Assert.False(positions[FakeAccount.UnpricedIsin].TryGetProperty("value", out _));
        Assert.False(positions[FakeAccount.UnpricedIsin].TryGetProperty("exchange", out _));
        // At the usual level the log counts, but does not list the holdings.
        var log = await rig.StderrAfterShutdownAsync();
        Assert.Contains("Prices for 8 of 9 instruments", log, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeAccount.UnpricedIsin, log, StringComparison.Ordinal);
        await rig.AssertNoSecretLeakedAsync();
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Every_instrument_and_ticker_subscription_is_unsubscribed(string daemon)
    {
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken);
        await rig.LogInAsync();

        await rig.CallAsync("fetch_portfolio");

        var topics = rig.Server.Subscriptions.Topics;
        Assert.Equal(9, topics.Count(topic => topic.Contains("\"type\":\"instrument\"", StringComparison.Ordinal)));
        Assert.Equal(9, topics.Count(topic => topic.Contains("\"type\":\"ticker\"", StringComparison.Ordinal)));
        // The delisted instrument lists no exchange: its ticker is asked on LSX, Trade Republic's usual venue.
        Assert.Contains($$"""{"type":"ticker","id":"{{FakeAccount.UnpricedIsin}}.LSX"}""", topics);
        Assert.Contains($$"""{"type":"ticker","id":"{{FakeAccount.InstrumentIdOnly}}.BHS"}""", topics);
        await AssertEventuallyAsync(() => rig.Server.Subscriptions.LeftOpen.Count == 0, () => $"Left subscribed: {string.Join(", ", rig.Server.Subscriptions.LeftOpen)}");
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Instruments_are_asked_at_once_so_slow_answers_cost_one_wait_not_one_per_position(string daemon)
    {
        // Nine instruments answering after 1 s each: asked one after the other they would need 9 s, more than the 5 s budget.
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken, new Dictionary<string, string> { ["PRISM_TR_PRICE_TIMEOUT_S"] = "5" });
        await rig.LogInAsync();
        rig.Server.Scenario.InstrumentDelay = TimeSpan.FromSeconds(1);

        var clock = Stopwatch.StartNew();
        var portfolio = await rig.CallAsync("fetch_portfolio");

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(20));
        // Every position but the delisted one has its price, from the exchange its instrument named. (Not compared with
        // ExpectedPortfolio: the instruments answer in any order, so the first position's ticker may be the last to
        // answer, and the snapshot may end on its first payload rather than the delta after it.)
        var priced = portfolio.GetProperty("positions").EnumerateArray()
            .Where(p => p.TryGetProperty("price", out _))
            .Select(p => $"{(p.TryGetProperty("isin", out var isin) ? isin : p.GetProperty("instrument_id")).GetString()} on {p.GetProperty("exchange").GetString()}")
            .Order(StringComparer.Ordinal);
        Assert.Equal(
            ["DE0001102630 on LSX", "DE0007164600 on LSX", "DE000BU2Z015 on LSX", "FR0010315770 on TDG", "IE00B4L5Y983 on LSX", "LU0274208692 on LSX", "US0378331005 on LSX", "XF000BTC0017 on BHS"],
            priced);
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
        Assert.Equal(["12.5", "3", "2", "4", "100", "0.123456", "1000", "500", "0.05"], positions.Select(p => p.GetProperty("quantity").GetString()));
        Assert.All(positions, p => Assert.False(p.TryGetProperty("price", out _) || p.TryGetProperty("value", out _), $"A silent ticker gave a price: {p}"));
        Assert.Equal("1234.56", Assert.Single(portfolio.GetProperty("cash").EnumerateArray()).GetProperty("amount").GetString());

        // The next fetch, with the tickers answering again, has its prices: the silent ones cost nothing lasting.
        rig.Server.Scenario.TickersSilent = false;
        Assert.Equal(FakeAccount.ExpectedPortfolio, FakeAccount.Describe(await rig.CallAsync("fetch_portfolio")));
        // At Debug (the tests' default) the log says why each price is missing.
        var log = await rig.StderrAfterShutdownAsync();
        Assert.Contains("No price for IE00B4L5Y983: its ticker on LSX did not answer within 1 s", log, StringComparison.Ordinal);
        Assert.Contains($"No exchange for {FakeAccount.UnpricedIsin} from its instrument details (they list no exchangeIds); asking LSX", log, StringComparison.Ordinal);
        Assert.Contains($"No price for {FakeAccount.UnpricedIsin}: Trade Republic refused its ticker on LSX ({FakeAccount.TickerErrorCode})", log, StringComparison.Ordinal);
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task A_slow_portfolio_leaves_prices_only_the_time_left_of_the_fetch(string daemon)
    {
        // Prices may wait 2 s, but the fetch as a whole only 3 s, of which the daemon keeps 1 s for unsubscribing and
        // the portfolio itself takes 2 s: nothing is left for prices, and the fetch still ends within its limit as
        // long as connecting, subscribing and reading the portfolio take less than the 1 s kept back — the widest
        // window the reserve allows, whatever the limits (scaling them up leaves it 1 s). So the fetch before it has
        // already run every step once (UnpricedFetchLogAsync): the timed one runs warm code, not a cold JIT start.
        // Chosen not to run emulated: an emulator slows connecting by more than that second (seen under qemu-user);
        // nothing in it differs per platform.
        var emulator = DaemonTarget.Resolve(daemon).Binary?.Emulator;
        Assert.SkipWhen(emulator is not null,
            $"Needs the connect and subscribe of a fetch within the 1 s the daemon keeps back; {emulator} slows the daemon by more than that, so the native rows check it.");
        var log = await UnpricedFetchLogAsync(daemon, fetchLimitSeconds: 3, priceBudgetSeconds: 2, portfolioDelay: TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);

        Assert.Contains("No prices: the portfolio took the fetch's whole time limit", log, StringComparison.Ordinal);
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task A_portfolio_that_leaves_less_than_the_price_budget_gives_prices_only_what_is_left(string daemon)
    {
        // The fetch may take 12 s and prices 8 s of it, but the portfolio takes 4 s and the daemon keeps 1 s for
        // unsubscribing: prices may wait at most 12 - 4 - 1 = 7 s (less whatever connecting took) — some time, but
        // less than their budget. Generous either way: connecting may take up to 7 s.
        var log = await UnpricedFetchLogAsync(daemon, fetchLimitSeconds: 12, priceBudgetSeconds: 8, portfolioDelay: TimeSpan.FromSeconds(4), TestContext.Current.CancellationToken);

        Assert.DoesNotContain("No prices: the portfolio took the fetch's whole time limit", log, StringComparison.Ordinal);
        var waited = TickerWait().Match(log);
        Assert.True(waited.Success, $"No line says how long the silent ticker was waited for. The log:\n{log}");
        Assert.InRange(double.Parse(waited.Groups["seconds"].Value, System.Globalization.CultureInfo.InvariantCulture), 0.1, 7.0);
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Silent_instruments_cost_the_price_budget_not_the_fetch(string daemon)
    {
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken, new Dictionary<string, string> { ["PRISM_TR_PRICE_TIMEOUT_S"] = "1" });
        await rig.LogInAsync();
        rig.Server.Scenario.InstrumentDelay = TimeSpan.FromMinutes(5);

        var positions = (await rig.CallAsync("fetch_portfolio")).GetProperty("positions").EnumerateArray().ToList();

        Assert.Equal(9, positions.Count);
        Assert.All(positions, p => Assert.False(p.TryGetProperty("price", out _), $"A silent instrument gave a price: {p}"));
        Assert.Contains("No price for IE00B4L5Y983: its instrument details did not answer within 1 s", await rig.StderrAfterShutdownAsync(), StringComparison.Ordinal);
        await AssertEventuallyAsync(() => rig.Server.Subscriptions.LeftOpen.Count == 0, () => $"Left subscribed: {string.Join(", ", rig.Server.Subscriptions.LeftOpen)}");
    }

    /// <summary>
    /// A fetch under those limits, with a portfolio that answers after <paramref name="portfolioDelay"/> and tickers
    /// that never do: it must succeed with all nine positions and no price; returns the daemon's whole log after it.
    /// A fetch without delays runs first, so the one measured against the limits runs code already compiled.
    /// </summary>
    private static async Task<string> UnpricedFetchLogAsync(string daemon, int fetchLimitSeconds, int priceBudgetSeconds, TimeSpan portfolioDelay, CancellationToken testCancelled)
    {
        await using var rig = await SessionRig.StartAsync(daemon, testCancelled, new Dictionary<string, string>
        {
            ["PRISM_TR_TIMEOUT_S"] = fetchLimitSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PRISM_TR_PRICE_TIMEOUT_S"] = priceBudgetSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        await rig.LogInAsync();
        Assert.Equal(FakeAccount.ExpectedPortfolio, FakeAccount.Describe(await rig.CallAsync("fetch_portfolio")));
        rig.Server.Scenario.PortfolioDelay = portfolioDelay;
        rig.Server.Scenario.TickersSilent = true;

        var positions = (await rig.CallAsync("fetch_portfolio")).GetProperty("positions").EnumerateArray().ToList();

        Assert.Equal(9, positions.Count);
        Assert.All(positions, p => Assert.False(p.TryGetProperty("price", out _), $"A silent ticker gave a price: {p}"));
        return await rig.StderrAfterShutdownAsync();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"No price for IE00B4L5Y983: its ticker on LSX did not answer within (?<seconds>\d+(\.\d+)?) s")]
    private static partial System.Text.RegularExpressions.Regex TickerWait();

    /// <summary>Waits up to 10 s for <paramref name="condition"/>: the fake reads the daemon's last messages on its own schedule.</summary>
    private static async Task AssertEventuallyAsync(Func<bool> condition, Func<string> describe) =>
        Assert.True(await Eventually.HoldsAsync(condition, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken), describe());
}
