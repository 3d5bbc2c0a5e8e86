using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Prism.FakeTradeRepublic;

namespace Prism.Host.Tests;

/// <summary>
/// The published prism binaries (Native AOT and trimmed single file) with their published tr-daemon, named in
/// PRISM_DAEMON_PATH: what trimming or AOT compilation could break — the launch contract, the guards, the embedded
/// page, JSON through the bridge — checked on the binary itself, not on the JIT build the other suites use. How a
/// bundle finds its daemon without that setting is TauriLauncherTests' (Chromium required) and the locator tests'.
/// </summary>
public sealed class PublishedHostTests
{
    public static TheoryData<string> Binaries => PublishedHost.Labels;

    [Theory]
    [MemberData(nameof(Binaries))]
    public async Task Launch_contract_guards_and_page(string binary)
    {
        var published = PublishedHost.Resolve(binary);
        await using var host = await HostProcess.StartAsync(published: published);

        Assert.Equal("ready", host.ReadyLine.GetProperty("event").GetString());
        var pid = host.ReadyLine.GetProperty("pid").GetInt32();
        Assert.True(published.Binary.IsOwnPid(pid, host.Process.Id), $"{binary}, started as pid {host.Process.Id}, reported pid {pid}.");
        using (var health = await host.SendAsync(HttpMethod.Get, "/api/health", token: ""))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.True(health.Headers.CacheControl?.NoStore, "the published host's health reply lacks Cache-Control: no-store");
            Assert.Equal(["nosniff"], health.Headers.GetValues("X-Content-Type-Options"));
        }

        using (var noToken = await host.SendAsync(HttpMethod.Get, "/api/status", token: ""))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        }

        using (var foreign = new HttpRequestMessage(HttpMethod.Get, new Uri(host.Url, "/api/health")))
        {
            foreign.Headers.Host = "attacker.example:80";
            using var refused = await host.Http.SendAsync(foreign, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using (var page = await host.SendAsync(HttpMethod.Get, "/", token: ""))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("<title>Prism</title>", await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        using (var status = await host.SendAsync(HttpMethod.Get, "/api/status"))
        {
            Assert.Equal(HttpStatusCode.OK, status.StatusCode);
            var body = JsonDocument.Parse(await status.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
            Assert.Equal("idle", body.GetProperty("status").GetString());
        }

        // The daemon as the host named it: natively the file, under Wine its Windows path (Z:\…\tr-daemon.exe),
        // under qemu-user the launcher that runs qemu on it.
        await host.WaitForLogAsync(new Regex($@"tr-daemon \S+ is ready \(pid \d+, protocol 1\), started from {Regex.Escape(host.DaemonPathGiven!)} \(PRISM_DAEMON_PATH\)"));
    }

    [Theory]
    [MemberData(nameof(Binaries))]
    public async Task A_whole_session_against_the_fake_trade_republic(string binary)
    {
        await using var rig = await FakeTradeRepublicHost.StartAsync(PublishedHost.Resolve(binary));

        var login = await rig.PostAsync("/api/login", new { phone = FakeAccount.Phone, pin = FakeAccount.Pin }, HttpStatusCode.OK);
        Assert.Equal("authenticator_code", login.GetProperty("second_factor").GetString());
        var wrong = await rig.PostAsync("/api/confirm-2fa", new { token = "000000" }, HttpStatusCode.BadRequest);
        Assert.Equal("CODE_INVALID", wrong.GetProperty("error").GetProperty("name").GetString());
        var confirmed = await rig.LogInAgainIfNeededAsync();
        Assert.Equal("authenticated", confirmed.GetProperty("status").GetString());

        Assert.Equal(FakeAccount.ExpectedPortfolio, FakeAccount.Describe(await rig.GetAsync("/api/portfolio", HttpStatusCode.OK)));

        await rig.Host.CrashDaemonAsync();
        Assert.Equal("authenticated", (await rig.GetAsync("/api/status", HttpStatusCode.OK)).GetProperty("status").GetString());

        Assert.Equal("logged_out", (await rig.PostAsync("/api/logout", null, HttpStatusCode.OK)).GetProperty("status").GetString());
        await rig.AssertNoSecretInLogAsync();
    }

    [Theory]
    [MemberData(nameof(Binaries))]
    public async Task Closing_stdin_stops_the_host_and_its_daemon_with_exit_code_0(string binary)
    {
        var published = PublishedHost.Resolve(binary);
        await using var host = await HostProcess.StartAsync(published: published);
        using (var status = await host.SendAsync(HttpMethod.Get, "/api/status"))
        {
            Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        }

        var daemonPid = await host.DaemonOsPidAsync();

        host.Process.StandardInput.Close();
        await host.Process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(host.Patience, TestContext.Current.CancellationToken);

        Assert.Equal(0, host.Process.ExitCode);
        Assert.True(await ProcessProbe.WaitUntilGoneAsync(daemonPid, ProcessProbe.ExitPatience), $"tr-daemon outlived the host by {ProcessProbe.ExitPatience.TotalSeconds} s");
    }
}
