using Microsoft.Playwright;

namespace Prism.Host.Tests;

/// <summary>
/// Debian's headless Chromium driven by Playwright (never `playwright install`), with generous time limits; a test
/// on a machine without it skips, saying why.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    private const string Executable = "/usr/bin/chromium";

    /// <summary>Generous: a host, its daemon and a browser on a busy 2-core machine.</summary>
    private const float TimeoutMs = 30_000;

    private readonly IPlaywright playwright;
    private readonly IBrowser browser;
    private readonly IBrowserContext context;

    private HeadlessChromium(IPlaywright playwright, IBrowser browser, IBrowserContext context)
    {
        this.playwright = playwright;
        this.browser = browser;
        this.context = context;
    }

    /// <summary>Skips the calling test when this machine has no <c>/usr/bin/chromium</c>.</summary>
    public static void SkipUnlessInstalled()
    {
        if (!File.Exists(Executable))
        {
            Assert.Skip(OperatingSystem.IsLinux()
                ? $"{Executable} does not exist; install Debian's chromium: apt-get install chromium"
                : $"This test drives a Linux Chromium at {Executable}, which {(OperatingSystem.IsWindows() ? "Windows" : "macOS")} does not have; the page is the same on every OS and the Linux job runs it.");
        }
    }

    public static async Task<HeadlessChromium> LaunchAsync()
    {
        SkipUnlessInstalled();
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Executable,
            Headless = true,
            Timeout = TimeoutMs,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var context = await browser.NewContextAsync();
        context.SetDefaultTimeout(TimeoutMs);
        Assertions.SetDefaultExpectTimeout(TimeoutMs);
        return new HeadlessChromium(playwright, browser, context);
    }

    public Task<IPage> NewPageAsync() => context.NewPageAsync();

    public async ValueTask DisposeAsync()
    {
        await context.DisposeAsync();
        await browser.DisposeAsync();
        playwright.Dispose();
    }
}
