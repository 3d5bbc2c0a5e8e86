using Prism.Daemon.Upstream;
using Prism.Protocol;

namespace Prism.Daemon.Session;

/// <summary>
/// The legacy web login (<c>/api/v1/auth/web/login</c>, a 4-digit code by SMS or app), for accounts or
/// deployments that still have it (PRISM_TR_LOGIN_API=v1). Without a browser's WAF token Trade Republic's load
/// balancer answers 405, which <see cref="UpstreamErrors"/> reports as UPSTREAM_BLOCKED.
/// </summary>
internal sealed class WebLoginV1(TradeRepublicHttp http, TimeProvider clock) : ILoginFlow
{
    private const string LoginPath = "/api/v1/auth/web/login";
    private const int DefaultCountdownSeconds = 120;

    public async Task<PendingLogin> StartAsync(string phone, string pin, CancellationToken cancellation)
    {
        var cookies = new SessionCookies(http.Settings.ApiUrl);
        var start = new UpstreamRequest(HttpMethod.Post, LoginPath, UpstreamCall.LoginStart, "the login request")
        {
            Body = TradeRepublicHttp.Json(new LoginRequest(phone, pin), TradeRepublicJsonContext.Default.LoginRequest),
        };
        var started = await http.SendAsync(start, cookies, TradeRepublicJsonContext.Default.LoginStarted, cancellation);
        var processId = started.RequireProcessId();
        var countdown = started.CountdownOr(DefaultCountdownSeconds);
        return new PendingLogin(phone, processId, SecondFactor.SmsCode, clock.GetUtcNow().AddSeconds(countdown), countdown, cookies);
    }

    public async Task CompleteAsync(PendingLogin pending, string? code, Action<PendingLogin> awaitingApproval, CancellationToken cancellation)
    {
        if (code is null)
        {
            throw new SessionFailure(ApplicationErrorCode.CodeInvalid, "Trade Republic sent a code by SMS (or to its app); send it as confirm_2fa's token.");
        }

        var confirm = new UpstreamRequest(HttpMethod.Post, $"{LoginPath}/{Uri.EscapeDataString(pending.ProcessId)}/{Uri.EscapeDataString(code)}", UpstreamCall.LoginStep, "the SMS code");
        await http.SendAsync(confirm, pending.Cookies, cancellation);
    }
}
