using Microsoft.Playwright;
using Prism.FakeTradeRepublic;

namespace Prism.Host.Tests;

/// <summary>
/// The page as a user sees it, in Debian's headless Chromium driven by Playwright (never `playwright install`):
/// the host's URL with its token in the fragment, the login form, the authenticator step, the portfolio, logout.
/// </summary>
public sealed class BrowserTests
{
    [Fact]
    public async Task User_logs_in_with_authenticator_code_sees_the_portfolio_and_logs_out()
    {
        HeadlessChromium.SkipUnlessInstalled();
        await using var rig = await FakeTradeRepublicHost.StartAsync();
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

        // Portfolio: the positions after the fake's delta frame, their total, the cash.
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("Connected");
        var positions = page.Locator("#positions tr");
        await Assertions.Expect(positions).ToHaveCountAsync(3);
        await Assertions.Expect(positions.Nth(0).Locator("td")).ToHaveTextAsync(["iShares Core MSCI World", "IE00B4L5Y983", "12.5", "71.2345", "80.12", "1001.50"]);
        await Assertions.Expect(positions.Nth(2).Locator("td").Nth(1)).ToHaveTextAsync("LU0274208692");
        await Assertions.Expect(positions.Nth(2).Locator("td").Nth(5)).ToHaveTextAsync("–");
        // The third position is not traded on LSX, so it has no price and no value: the total says so rather than pretending.
        await Assertions.Expect(page.Locator("#positions-total")).ToHaveTextAsync("1563.85 (without positions that have no value)");
        await Assertions.Expect(page.Locator("#cash tr td")).ToHaveTextAsync(["EUR", "1234.56"]);
        await Assertions.Expect(page.Locator("#error")).ToBeHiddenAsync();

        // Logout: back to the login form.
        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await Assertions.Expect(page.Locator("#login")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("Not connected");
        await Assertions.Expect(page.Locator("#portfolio")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByLabel("PIN")).ToHaveValueAsync(string.Empty);
        rig.AssertNoSecretInLog();
    }
}
