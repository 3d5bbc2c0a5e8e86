using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Prism.FakeTradeRepublic;

namespace Prism.Host.Tests;

/// <summary>
/// The session routes end to end: the real host, the real tr-daemon it starts, and a fake Trade Republic that the
/// daemon reaches through PRISM_TR_API_URL / PRISM_TR_WS_URL (the host's data folder is a fresh temp folder).
/// </summary>
public sealed class TradeRepublicApiTests
{
    [Fact]
    public async Task Login_with_authenticator_code_then_portfolio_then_logout()
    {
        await using var rig = await FakeTradeRepublicHost.StartAsync();

        var login = await rig.PostAsync("/api/login", new { phone = FakeAccount.Phone, pin = FakeAccount.Pin }, HttpStatusCode.OK);
        Assert.Equal("waiting_2fa", login.GetProperty("status").GetString());
        Assert.Equal("authenticator_code", login.GetProperty("second_factor").GetString());

        var confirmed = await rig.PostAsync("/api/confirm-2fa", new { token = FakeAccount.AuthenticatorCode }, HttpStatusCode.OK);
        Assert.Equal("authenticated", confirmed.GetProperty("status").GetString());

        using (var response = await rig.Host.SendAsync(HttpMethod.Get, "/api/portfolio"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var portfolio = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
            Assert.Equal(FakeAccount.ExpectedPortfolio, FakeAccount.Describe(portfolio));
        }

        var loggedOut = await rig.PostAsync("/api/logout", null, HttpStatusCode.OK);
        Assert.Equal("logged_out", loggedOut.GetProperty("status").GetString());

        var status = await rig.GetAsync("/api/status", HttpStatusCode.OK);
        Assert.Equal("idle", status.GetProperty("status").GetString());
        await rig.AssertNoSecretInLogAsync();
    }

    [Fact]
    public async Task A_newer_web_app_is_a_502_naming_both_settings_and_the_settings_follow_it()
    {
        await using (var rig = await FakeTradeRepublicHost.StartAsync())
        {
            rig.Server.Scenario.NewerWebApp = true;
            await rig.LogInAgainIfNeededAsync();

            var error = (await rig.GetAsync("/api/portfolio", HttpStatusCode.BadGateway)).GetProperty("error");

            Assert.Equal("UPSTREAM_ERROR", error.GetProperty("name").GetString());
            Assert.Contains("PRISM_TR_PORTFOLIO_TOPIC", error.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Contains("PRISM_TR_WS_PROTOCOL_VERSION", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        await using (var rig = await FakeTradeRepublicHost.StartAsync(daemonSettings: new Dictionary<string, string?>
        {
            ["PRISM_TR_PORTFOLIO_TOPIC"] = FakeAccount.NewerPortfolioTopic,
            ["PRISM_TR_WS_PROTOCOL_VERSION"] = FakeAccount.NewerProtocolVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }))
        {
            rig.Server.Scenario.NewerWebApp = true;
            await rig.LogInAgainIfNeededAsync();

            Assert.Equal(FakeAccount.ExpectedPortfolio, FakeAccount.Describe(await rig.GetAsync("/api/portfolio", HttpStatusCode.OK)));
        }
    }

    [Fact]
    public async Task Wrong_code_is_400_CODE_INVALID_and_the_host_stays_usable()
    {
        await using var rig = await FakeTradeRepublicHost.StartAsync();
        var login = await rig.PostAsync("/api/login", new { phone = FakeAccount.Phone, pin = FakeAccount.Pin }, HttpStatusCode.OK);
        Assert.Equal("waiting_2fa", login.GetProperty("status").GetString());

        var wrong = await rig.PostAsync("/api/confirm-2fa", new { token = "000000" }, HttpStatusCode.BadRequest);

        var error = wrong.GetProperty("error");
        Assert.Equal(1004, error.GetProperty("code").GetInt32());
        Assert.Equal("CODE_INVALID", error.GetProperty("name").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        using (var health = await rig.Host.SendAsync(HttpMethod.Get, "/api/health", token: string.Empty))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        Assert.NotEqual("authenticated", (await rig.GetAsync("/api/status", HttpStatusCode.OK)).GetProperty("status").GetString());

        // Usable afterwards: the same host and daemon still complete a login and fetch the portfolio.
        var again = await rig.LogInAgainIfNeededAsync();
        Assert.Equal("authenticated", again.GetProperty("status").GetString());
        var portfolio = await rig.GetAsync("/api/portfolio", HttpStatusCode.OK);
        Assert.Equal(FakeAccount.ExpectedPortfolio, FakeAccount.Describe(portfolio));
        await rig.AssertNoSecretInLogAsync();
    }

    [Fact]
    public async Task After_the_daemon_crashes_the_signed_in_session_comes_back_without_signing_in_again()
    {
        await using var rig = await FakeTradeRepublicHost.StartAsync();
        Assert.Equal("authenticated", (await rig.LogInAgainIfNeededAsync()).GetProperty("status").GetString());
        var loginsBefore = rig.Server.LoginRequests;

        await rig.Host.CrashDaemonAsync();

        var status = await rig.GetAsync("/api/status", HttpStatusCode.OK);
        Assert.Equal("authenticated", status.GetProperty("status").GetString());
        var portfolio = await rig.GetAsync("/api/portfolio", HttpStatusCode.OK);
        Assert.Equal(FakeAccount.ExpectedPortfolio, FakeAccount.Describe(portfolio));
        Assert.Equal(loginsBefore, rig.Server.LoginRequests);
        await rig.Host.WaitForLogAsync(new Regex("Restored the saved session"));
        await rig.AssertNoSecretInLogAsync();
    }

    /// <summary>
    /// A stand-in for PRISM_DAEMON_PATH that appends every line the host writes to the daemon's stdin to
    /// <paramref name="recorded"/> and then becomes the real (JIT) tr-daemon (exec: same pid, the host's own pipes),
    /// fed through a fifo by a background loop. The loop appends each line to the recording before it passes the line
    /// on (<c>tee</c> passes it on first), so once the daemon has answered a request, the recording holds it.
    /// </summary>
    private static string RecordingDaemon(TemporaryFolder scripts, string recorded)
    {
        var fifo = Path.Combine(scripts.Path, "stdin-$$.fifo");
        return scripts.Script("recording-tr-daemon", $"""
            set -e
            fifo="{fifo}"
            mkfifo "$fifo"
            exec 3<&0
            while IFS= read -r line <&3; do
              printf '%s\n' "$line" >>'{recorded}'
              printf '%s\n' "$line"
            done >"$fifo" 2>/dev/null &
            exec 3<&-
            exec '{DotnetHost.Path}' '{BuildOutputs.DaemonDll}' <"$fifo"
            """);
    }

    [Fact]
    public async Task After_the_daemon_crashes_the_restore_reaches_the_new_daemon_without_the_pin()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "The daemon's stdin is recorded by a shell script.");
        using var scripts = new TemporaryFolder();
        var recorded = Path.Combine(scripts.Path, "stdin.jsonl");
        await using var rig = await FakeTradeRepublicHost.StartAsync(daemonSettings: new Dictionary<string, string?> { ["PRISM_DAEMON_PATH"] = RecordingDaemon(scripts, recorded) });
        Assert.Equal("authenticated", (await rig.LogInAgainIfNeededAsync()).GetProperty("status").GetString());
        var linesBeforeCrash = File.ReadAllLines(recorded).Length;

        await rig.Host.CrashDaemonAsync();
        Assert.Equal("authenticated", (await rig.GetAsync("/api/status", HttpStatusCode.OK)).GetProperty("status").GetString());

        var lines = File.ReadAllLines(recorded);
        var restore = Assert.Single(lines[linesBeforeCrash..], line => line.Contains("\"restore_only\":true", StringComparison.Ordinal));
        var restoreParams = JsonDocument.Parse(restore).RootElement.GetProperty("params");
        Assert.Equal(FakeAccount.Phone, restoreParams.GetProperty("phone").GetString());
        Assert.False(restoreParams.TryGetProperty("pin", out _), $"The restore sent a PIN: {restoreParams.EnumerateObject().Select(member => member.Name).Aggregate((a, b) => a + ", " + b)}");
        // The PIN went to a daemon once, in the login the person made; never again.
        Assert.Single(lines, line => line.Contains(FakeAccount.Pin, StringComparison.Ordinal));
    }

    [Fact]
    public async Task After_logout_a_daemon_crash_leaves_the_new_daemon_signed_out()
    {
        await using var rig = await FakeTradeRepublicHost.StartAsync();
        await rig.LogInAgainIfNeededAsync();
        await rig.PostAsync("/api/logout", null, HttpStatusCode.OK);

        await rig.Host.CrashDaemonAsync();

        Assert.Equal("idle", (await rig.GetAsync("/api/status", HttpStatusCode.OK)).GetProperty("status").GetString());
        await rig.GetAsync("/api/portfolio", HttpStatusCode.Unauthorized);
        await rig.AssertNoRestoreAttemptedAsync();
    }

    [Fact]
    public async Task A_crash_before_the_second_factor_leaves_nothing_to_restore()
    {
        await using var rig = await FakeTradeRepublicHost.StartAsync();
        var login = await rig.PostAsync("/api/login", new { phone = FakeAccount.Phone, pin = FakeAccount.Pin }, HttpStatusCode.OK);
        Assert.Equal("waiting_2fa", login.GetProperty("status").GetString());

        await rig.Host.CrashDaemonAsync();

        Assert.Equal("idle", (await rig.GetAsync("/api/status", HttpStatusCode.OK)).GetProperty("status").GetString());
        await rig.AssertNoRestoreAttemptedAsync();
    }

    [Fact]
    public async Task A_session_that_expired_while_the_daemon_was_down_asks_for_a_new_login()
    {
        await using var rig = await FakeTradeRepublicHost.StartAsync();
        await rig.LogInAgainIfNeededAsync();
        rig.Server.ExpireSessions();

        await rig.Host.CrashDaemonAsync();

        Assert.Equal("idle", (await rig.GetAsync("/api/status", HttpStatusCode.OK)).GetProperty("status").GetString());
        await rig.Host.WaitForLogAsync(new Regex("could not be restored"));
        var again = await rig.LogInAgainIfNeededAsync();
        Assert.Equal("authenticated", again.GetProperty("status").GetString());
        await rig.AssertNoSecretInLogAsync();
    }
}

/// <summary>A fake Trade Republic and the real host whose daemon talks to it; Dispose stops both (host, daemon, fake).</summary>
internal sealed class FakeTradeRepublicHost : IAsyncDisposable
{
    private FakeTradeRepublicHost(FakeTradeRepublicServer server, HostProcess host)
    {
        Server = server;
        Host = host;
    }

    public FakeTradeRepublicServer Server { get; }

    public HostProcess Host { get; }

    /// <summary>
    /// The fake, and the host's JIT build — or <paramref name="published"/>, with its own published daemon; the daemon
    /// inherits <paramref name="daemonSettings"/> (e.g. PRISM_TR_* settings) from the host's environment.
    /// </summary>
    public static async Task<FakeTradeRepublicHost> StartAsync(PublishedHost? published = null, IReadOnlyDictionary<string, string?>? daemonSettings = null)
    {
        var server = await FakeTradeRepublicServer.StartAsync();
        try
        {
            var environment = new Dictionary<string, string?>
            {
                ["PRISM_TR_API_URL"] = server.ApiUrl.ToString(),
                ["PRISM_TR_WS_URL"] = server.WebSocketUrl.ToString(),
                // Debug logging: the most the host and daemon ever write, so the no-secret assertions see it all.
                ["PRISM_LOG_LEVEL"] = "Debug",
            };
            foreach (var (name, value) in daemonSettings ?? new Dictionary<string, string?>())
            {
                environment[name] = value;
            }

            var host = await HostProcess.StartAsync(environment, published: published);
            return new FakeTradeRepublicHost(server, host);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async Task<JsonElement> PostAsync(string path, object? body, HttpStatusCode expected)
    {
        using var response = await Host.SendAsync(HttpMethod.Post, path, content: body is null ? null : JsonContent.Create(body));
        return await ReadAsync(response, expected);
    }

    public async Task<JsonElement> GetAsync(string path, HttpStatusCode expected)
    {
        using var response = await Host.SendAsync(HttpMethod.Get, path);
        return await ReadAsync(response, expected);
    }

    /// <summary>Asks <c>/api/status</c> until <paramref name="expected"/> holds for it; fails after <see cref="HostProcess.StartTimeout"/>.</summary>
    public async Task<JsonElement> StatusWhenAsync(Func<JsonElement, bool> expected, string what)
    {
        var (shown, status) = await Eventually.ValueAsync(() => GetAsync("/api/status", HttpStatusCode.OK), expected, HostProcess.StartTimeout, TestContext.Current.CancellationToken);
        Assert.True(shown, $"/api/status never showed {what}; last: {status}{Environment.NewLine}{Host.Log}");
        return status;
    }

    /// <summary>Reads <paramref name="response"/> (then disposes it), asserting its status and body as <see cref="PostAsync"/> does.</summary>
    public async Task<JsonElement> ReadAsync(Task<HttpResponseMessage> response, HttpStatusCode expected)
    {
        using var answered = await response;
        return await ReadAsync(answered, expected);
    }

    /// <summary>The host did not try to restore a session: neither a restore nor a failed one is in its whole log, read once it has shut down.</summary>
    public async Task AssertNoRestoreAttemptedAsync()
    {
        var log = await Host.LogAfterExitAsync();
        Assert.DoesNotContain("Restored the saved session", log, StringComparison.Ordinal);
        Assert.DoesNotContain("saved session could not be restored", log, StringComparison.Ordinal);
    }

    /// <summary>After a failed code the login may still wait for a code, or may have ended: finish it either way.</summary>
    public async Task<JsonElement> LogInAgainIfNeededAsync()
    {
        var status = await GetAsync("/api/status", HttpStatusCode.OK);
        if (status.GetProperty("status").GetString() != "waiting_2fa")
        {
            var login = await PostAsync("/api/login", new { phone = FakeAccount.Phone, pin = FakeAccount.Pin }, HttpStatusCode.OK);
            Assert.Equal("waiting_2fa", login.GetProperty("status").GetString());
        }

        return await PostAsync("/api/confirm-2fa", new { token = FakeAccount.AuthenticatorCode }, HttpStatusCode.OK);
    }

    /// <summary>
    /// The host's whole log (its own lines and the daemon's), read once the host has shut down, holds none of the
    /// account's secrets (PIN, codes, phone number) nor anything the fake issued: the daemon's own check, SecretScan.
    /// </summary>
    public async Task AssertNoSecretInLogAsync()
    {
        var log = await Host.LogAfterExitAsync();
        Assert.NotEmpty(log);
        Assert.NotEmpty(Server.IssuedSecrets);
        Assert.Empty(SecretScan.Find(log, Server.IssuedSecrets));
    }

    /// <summary>The body of <paramref name="response"/> once its status is <paramref name="expected"/>; it holds no secret of the account or the fake.</summary>
    private async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}: expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Empty(SecretScan.Find(body, Server.IssuedSecrets));
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Server.DisposeAsync();
    }
}
