using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Prism.Daemon.Portfolio;
using Prism.Daemon.Upstream;
using Prism.FakeTradeRepublic;

namespace Prism.Daemon.UnitTests;

/// <summary>
/// A websocket to Trade Republic lives no longer than the call that opened it: once that call gives up (its time limit,
/// a cancel, a logout), the receive it was waiting for does not run on, reading whatever the server still sends.
/// </summary>
public sealed class SocketLifetimeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task When_its_call_gives_up_the_socket_ends_at_once_even_amid_a_message_that_never_ends()
    {
        var testCancelled = TestContext.Current.CancellationToken;
        await using var server = await FakeTradeRepublicServer.StartAsync();
        server.Scenario.EndlessPortfolioMessage = true;
        var settings = new TradeRepublicSettings(
            server.ApiUrl,
            server.WebSocketUrl,
            LoginApi.V2,
            TradeRepublicSettings.DefaultAppVersion,
            TradeRepublicSettings.DefaultPlatform,
            TradeRepublicSettings.DefaultLocale,
            TradeRepublicSettings.DefaultUserAgent,
            TradeRepublicSettings.DefaultRequestTimeout,
            TradeRepublicSettings.DefaultPriceBudget,
            TradeRepublicSettings.DefaultSessionRefreshAfter,
            TradeRepublicSettings.DefaultWebSocketProtocolVersion,
            TradeRepublicSettings.DefaultPortfolioTopic);
        var cookies = await LogInAsync(server, testCancelled);
        using var call = CancellationTokenSource.CreateLinkedTokenSource(testCancelled);
        await using var socket = await TradeRepublicSocket.ConnectAsync(settings, cookies, call.Token);
        await socket.SubscribeAsync(SubscriptionTopic.Portfolio(settings.PortfolioTopic, FakeAccount.SecuritiesAccountNumber), call.Token);
        var receive = socket.ReceiveAsync(call.Token);
        await WaitUntilAsync(() => server.Subscriptions.Topics.Count == 1, "the portfolio subscription", testCancelled);

        await call.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => receive);
        // Before the socket is disposed: the call's end alone ended the connection (the fake would go on sending for minutes).
        await WaitUntilAsync(() => server.Subscriptions.Disconnections == 1, "the fake's connection ended", testCancelled);
    }

    /// <summary>The v2 web login as a browser makes it, for the session cookies the websocket needs.</summary>
    private static async Task<SessionCookies> LogInAsync(FakeTradeRepublicServer server, CancellationToken cancellation)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = server.ApiUrl };
        var deviceInfo = Convert.ToBase64String(Encoding.UTF8.GetBytes($$"""{"stableDeviceId":"{{new string('a', 128)}}"}"""));
        HttpRequestMessage V2(string path, object body)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
            request.Headers.Add("X-TR-Device-Info", deviceInfo);
            request.Headers.Add("X-TR-App-Version", "2.2700.0");
            request.Headers.Add("X-Tr-Platform", "web-pro");
            request.Headers.Add("Accept-Language", "de");
            return request;
        }

        using var started = await http.SendAsync(V2("/api/v2/auth/web/login", new { phoneNumber = FakeAccount.Phone, pin = FakeAccount.Pin }), cancellation);
        using var process = JsonDocument.Parse(await started.EnsureSuccessStatusCode().Content.ReadAsStringAsync(cancellation));
        var processId = process.RootElement.GetProperty("processId").GetString();
        using var confirmed = await http.SendAsync(V2($"/api/v2/auth/web/login/processes/{processId}/authenticator-verification", new { code = FakeAccount.AuthenticatorCode }), cancellation);
        var cookies = new SessionCookies(server.ApiUrl);
        cookies.Capture(confirmed.EnsureSuccessStatusCode());
        return cookies;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what, CancellationToken cancellation) =>
        Assert.True(await Eventually.HoldsAsync(condition, Patience, cancellation), $"Never saw {what} within {Patience.TotalSeconds} s.");
}
