using Microsoft.Playwright;
using Prism.FakeTradeRepublic;

namespace Prism.Host.Tests;

/// <summary>
/// The page as a user sees it, in Debian's headless Chromium driven by Playwright (never `playwright install`):
/// the host's URL with its token in the fragment, the login form, the authenticator step, the portfolio as its owner
/// reads it (prices with their venue, values, gains and losses, totals that say what they leave out, cash, the
/// allocation, when it was updated), logout. Set PRISM_TEST_SCREENSHOT_DIR to keep a screenshot of the portfolio.
/// </summary>
public sealed class BrowserTests
{
    [Fact]
    public async Task User_logs_in_with_authenticator_code_reads_the_portfolio_and_logs_out()
    {
        HeadlessChromium.SkipUnlessInstalled();
        await using var rig = await FakeTradeRepublicHost.StartAsync(daemonSettings: new Dictionary<string, string?> { ["PRISM_TR_PRICE_TIMEOUT_S"] = "3" });
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var page = await chromium.NewPageAsync();

        await page.GotoAsync($"{rig.Host.Url}#token={rig.Host.Token}");

        // Login form.
        await Assertions.Expect(page.Locator("#login")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("Not connected");
        Assert.DoesNotContain("token", page.Url, StringComparison.Ordinal);
        await page.GetByLabel("Phone number").FillAsync(FakeAccount.Phone);
        await page.GetByLabel("PIN").FillAsync(FakeAccount.Pin);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();

        // Second factor: the authenticator code field with a countdown.
        await Assertions.Expect(page.Locator("#code-form")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#code-label")).ToHaveTextAsync("Code from your authenticator app");
        await Assertions.Expect(page.Locator("#code-countdown")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+:\d{2}$"));
        await Assertions.Expect(page.Locator("#login")).ToBeHiddenAsync();
        await page.GetByLabel("Code from your authenticator app").FillAsync(FakeAccount.AuthenticatorCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();

        // Portfolio: every position of the fake with its price and venue, value and gain/loss against the buy-in, in
        // exact decimals (4382.735 rounds to 4,382.74; a binary float shows 4,382.73); bonds in percent of their nominal.
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("Connected");
        var positions = page.Locator("#positions tr");
        await Assertions.Expect(positions).ToHaveCountAsync(9);
        await Assertions.Expect(positions.Nth(0).Locator("td")).ToHaveTextAsync(["iShares Core MSCI World IE00B4L5Y983", "12.5", "71.2345", "80.12 LSX", "1,001.50", "+111.07 (+12.47 %)"]);
        await Assertions.Expect(positions.Nth(2).Locator("td")).ToHaveTextAsync(["SAP DE0007164600", "2", "–", "231.10 LSX", "462.20", "–"]);
        await Assertions.Expect(positions.Nth(3).Locator("td")).ToHaveTextAsync(["Amundi MSCI World FR0010315770", "4", "480", "512.34 TDG", "2,049.36", "+129.36 (+6.74 %)"]);
        await Assertions.Expect(positions.Nth(4).Locator("td")).ToHaveTextAsync(["Wirecard DE0007472060", "100", "104.5", "–", "–", "–"]);
        await Assertions.Expect(positions.Nth(6).Locator("td")).ToHaveTextAsync(["Bundesrep.Deutschland Anl.v.2023 DE000BU2Z015", "1,000", "97.8 %", "98.45 % LSX", "984.50", "+6.50 (+0.66 %)"]);
        await Assertions.Expect(positions.Nth(7).Locator("td")).ToHaveTextAsync(["Bund Aug 2033 DE0001102630", "500", "101.2 %", "99.875 % LSX", "499.38", "\u22126.63 (\u22121.31 %)"]);
        await Assertions.Expect(positions.Nth(8).Locator("td")).ToHaveTextAsync(["Bitcoin XF000BTC0017", "0.05", "41,000", "87,654.70 BHS", "4,382.74", "+2,332.74 (+113.79 %)"]);
        await Assertions.Expect(page.Locator("#bond-note")).ToBeVisibleAsync();
        // Totals over the priced positions only, cost and gain/loss only over those with a buy-in; what is left out is said in words.
        await Assertions.Expect(page.Locator("#total-value")).ToHaveTextAsync("9,955.04");
        await Assertions.Expect(page.Locator("#total-cost")).ToHaveTextAsync("6,808.12");
        await Assertions.Expect(page.Locator("#total-gain")).ToHaveTextAsync("+2,684.72 (+39.43 %)");
        await Assertions.Expect(page.Locator("#totals-notes p")).ToHaveTextAsync([
            "One position has no price and is left out of the totals: Wirecard.",
            "One position has no buy-in and is left out of cost and gain/loss: SAP.",
        ]);
        await Assertions.Expect(page.Locator("#cash tr td")).ToHaveTextAsync(["EUR", "1,234.56"]);
        // The allocation: labels and percentages written out, so it reads without colour.
        await Assertions.Expect(page.Locator("#allocation p")).ToHaveTextAsync("Without the position that has no price.");
        var allocation = page.Locator("#allocation svg");
        await Assertions.Expect(allocation.Locator(".share-label")).ToHaveTextAsync(["Bitcoin", "Amundi MSCI World", "Cash (EUR)", "iShares Core MSCI World", "Bundesrep.Deutschland Anl.v.2023", "Apple", "Bund Aug 2033", "SAP", "Xtrackers MSCI World Swap"]);
        await Assertions.Expect(allocation.Locator(".share-percent")).ToHaveTextAsync(["39.2 %", "18.3 %", "11.0 %", "9.0 %", "8.8 %", "5.0 %", "4.5 %", "4.1 %", "0.1 %"]);
        await Assertions.Expect(allocation).ToHaveAttributeAsync("role", "img");
        await Assertions.Expect(page.Locator("#updated")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^Last updated \S.*\d{1,2}:\d{2}:\d{2}"));
        await Assertions.Expect(page.Locator("#error")).ToBeHiddenAsync();
        if (Environment.GetEnvironmentVariable("PRISM_TEST_SCREENSHOT_DIR") is { Length: > 0 } screenshots)
        {
            await page.SetViewportSizeAsync(1100, 900);
            await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "portfolio.png"), FullPage = true });
        }

        // Nothing priced (the exchanges' feeds hang): no totals at all rather than totals of 0, and the page says why.
        rig.Server.Scenario.TickersSilent = true;
        var updated = await page.Locator("#updated-time").GetAttributeAsync("datetime");
        await page.GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();
        await Assertions.Expect(page.Locator("#updated-time")).Not.ToHaveAttributeAsync("datetime", updated!);
        await Assertions.Expect(page.Locator("#positions tr")).ToHaveCountAsync(9);
        await Assertions.Expect(page.Locator("#positions tr").Nth(0).Locator("td")).ToHaveTextAsync(["iShares Core MSCI World IE00B4L5Y983", "12.5", "71.2345", "–", "–", "–"]);
        await Assertions.Expect(page.Locator("#total-value")).ToHaveTextAsync("–");
        await Assertions.Expect(page.Locator("#total-cost")).ToHaveTextAsync("–");
        await Assertions.Expect(page.Locator("#total-gain")).ToHaveTextAsync("–");
        await Assertions.Expect(page.Locator("#totals-notes p")).ToHaveTextAsync(["None of the nine positions has a price yet, so there are no totals. Try Refresh in a moment."]);
        await Assertions.Expect(page.Locator("#allocation")).ToHaveTextAsync("Nothing is priced yet, so there is no allocation to show.");
        await Assertions.Expect(page.Locator("#bond-note")).ToBeHiddenAsync();
        if (Environment.GetEnvironmentVariable("PRISM_TEST_SCREENSHOT_DIR") is { Length: > 0 } unpricedScreenshots)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(unpricedScreenshots, "portfolio-unpriced.png"), FullPage = true });
        }

        // Logout: back to the login form.
        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await Assertions.Expect(page.Locator("#login")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("Not connected");
        await Assertions.Expect(page.Locator("#portfolio")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByLabel("PIN")).ToHaveValueAsync(string.Empty);
        await rig.AssertNoSecretInLogAsync();
    }

    /// <summary>The daemon refuses its data folder (others may write into it): the page says so, naming the folder and the fix, where a failed login's error goes.</summary>
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_login_into_a_data_folder_others_may_write_shows_the_folder_and_the_fix()
    {
        HeadlessChromium.SkipUnlessInstalled();
        await using var rig = await FakeTradeRepublicHost.StartAsync();
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var page = await chromium.NewPageAsync();
        await page.GotoAsync($"{rig.Host.Url}#token={rig.Host.Token}");
        await Assertions.Expect(page.Locator("#login")).ToBeVisibleAsync();
        File.SetUnixFileMode(rig.Host.DataFolder, (UnixFileMode)0b111_111_111);

        await page.GetByLabel("Phone number").FillAsync(FakeAccount.Phone);
        await page.GetByLabel("PIN").FillAsync(FakeAccount.Pin);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();

        var error = page.Locator("#error");
        await Assertions.Expect(error).ToBeVisibleAsync();
        await Assertions.Expect(error).ToContainTextAsync($"The data folder {rig.Host.DataFolder} may be written by other users (mode 777)");
        await Assertions.Expect(error).ToContainTextAsync($"chmod 700 {rig.Host.DataFolder}");
        await Assertions.Expect(page.Locator("#login")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("Not connected");
        Assert.Equal(0, rig.Server.LoginRequests);
    }
}
