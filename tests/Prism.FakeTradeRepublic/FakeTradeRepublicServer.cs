using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Prism.FakeTradeRepublic;

/// <summary>
/// A fake Trade Republic on 127.0.0.1 (ephemeral port): the REST endpoints of the v2 and v1 web logins, session
/// refresh and account, and the websocket with <c>A</c>/<c>D</c>/<c>E</c>/<c>C</c> frames, as the reference page
/// describes them. Point <c>PRISM_TR_API_URL</c> at <see cref="ApiUrl"/> and <c>PRISM_TR_WS_URL</c> at
/// <see cref="WebSocketUrl"/>; steer it with <see cref="Scenario"/>; <see cref="IssuedSecrets"/> lists every
/// process id and cookie value it handed out, for tests that check none of them leaked.
/// </summary>
public sealed class FakeTradeRepublicServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, byte> issuedSecrets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> validSessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> validRefreshTokens = new(StringComparer.Ordinal);
    private int loginRequests;
    private int processReads;
    private readonly ConcurrentQueue<string> processesStarted = new();
    private readonly ConcurrentDictionary<string, int> readsByProcess = new(StringComparer.Ordinal);

    private FakeTradeRepublicServer(WebApplication app) => this.app = app;

    /// <summary>The REST base URL, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri ApiUrl { get; private set; } = null!;

    /// <summary>The websocket URL (same port, <c>ws://</c>).</summary>
    public Uri WebSocketUrl => new UriBuilder(ApiUrl) { Scheme = "ws" }.Uri;

    public FakeScenario Scenario { get; } = new();

    /// <summary>What clients subscribed to on the websocket, and left subscribed.</summary>
    public FakeSubscriptions Subscriptions { get; } = new();

    /// <summary>How many login requests (v1 and v2) arrived: a rate-limited client must not retry in a loop.</summary>
    public int LoginRequests => Volatile.Read(ref loginRequests);

    /// <summary>How many times a client read a login process: a client waiting for an approval polls it.</summary>
    public int ProcessReads => Volatile.Read(ref processReads);

    /// <summary>
    /// How many times each login process was read, in the order the logins started them: a login the client gave up
    /// must not be read again while a later one is polled.
    /// </summary>
    public IReadOnlyList<int> ProcessReadsByLogin => [.. processesStarted.Select(id => readsByProcess.GetValueOrDefault(id))];

    /// <summary>Every process id and cookie value handed out so far.</summary>
    public IReadOnlyCollection<string> IssuedSecrets => [.. issuedSecrets.Keys];

    /// <summary>Starts the fake on a free port of 127.0.0.1.</summary>
    public static async Task<FakeTradeRepublicServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeTradeRepublicServer(app);
        app.UseWebSockets();
        new FakeLogins(server).MapOn(app);
        FakeSessionApi.MapOn(app, server);
        FakePortfolioSocket.MapOn(app, server);
        await app.StartAsync();
        server.ApiUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return server;
    }

    /// <summary>Ends every session handed out: from now on they (and their refresh cookies) get 401 <c>AUTHENTICATION_ERROR</c>, as after an expiry.</summary>
    public void ExpireSessions()
    {
        validSessions.Clear();
        validRefreshTokens.Clear();
    }

    internal void CountLogin() => Interlocked.Increment(ref loginRequests);

    internal void CountProcessStarted(string processId) => processesStarted.Enqueue(processId);

    internal void CountProcessRead(string processId)
    {
        Interlocked.Increment(ref processReads);
        readsByProcess.AddOrUpdate(processId, 1, (_, reads) => reads + 1);
    }

    /// <summary>A random value that a test may search for in the client's output.</summary>
    internal string NewSecret()
    {
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        issuedSecrets[secret] = 0;
        return secret;
    }

    /// <summary>
    /// The cookies of a confirmed login on <paramref name="response"/>: <c>tr_refresh</c>, and <c>tr_session</c>
    /// unless <see cref="FakeScenario.SessionOnlyAfterExchange"/>; both remembered as valid.
    /// </summary>
    internal void IssueSession(HttpResponse response)
    {
        IssueRefreshCookie(response);
        if (!Scenario.SessionOnlyAfterExchange)
        {
            IssueSessionCookie(response);
        }
    }

    /// <summary>
    /// The session endpoint: a valid <c>tr_refresh</c> gets a fresh <c>tr_session</c> (with
    /// <see cref="FakeScenario.RotatesCookiesOnRefresh"/> also a fresh <c>tr_refresh</c>, and the old pair ends); a
    /// valid <c>tr_session</c> alone is kept alive. False when the request carries neither.
    /// </summary>
    internal bool Refresh(HttpRequest request, HttpResponse response)
    {
        if (request.Cookies.TryGetValue("tr_refresh", out var refresh) && validRefreshTokens.ContainsKey(refresh))
        {
            if (Scenario.RotatesCookiesOnRefresh)
            {
                validRefreshTokens.TryRemove(refresh, out _);
                if (request.Cookies.TryGetValue("tr_session", out var old))
                {
                    validSessions.TryRemove(old, out _);
                }

                IssueRefreshCookie(response);
            }

            IssueSessionCookie(response);
            return true;
        }

        return HasValidSession(request);
    }

    internal bool HasValidSession(HttpRequest request) =>
        request.Cookies.TryGetValue("tr_session", out var session) && validSessions.ContainsKey(session);

    private void IssueSessionCookie(HttpResponse response)
    {
        var session = NewSecret();
        validSessions[session] = 0;
        response.Cookies.Append("tr_session", session, new CookieOptions { HttpOnly = true, Path = "/" });
    }

    private void IssueRefreshCookie(HttpResponse response)
    {
        var refresh = NewSecret();
        validRefreshTokens[refresh] = 0;
        response.Cookies.Append("tr_refresh", refresh, new CookieOptions { HttpOnly = true, Path = "/", Expires = DateTimeOffset.UtcNow.AddDays(30) });
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
