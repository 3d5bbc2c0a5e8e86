using System.Globalization;
using System.Text.Json;
using Prism.Daemon.Json;
using Prism.Daemon.Upstream;
using Prism.Protocol;

namespace Prism.Daemon.Session;

/// <summary>
/// The current web login (<c>/api/v2/auth/web/login</c>): phone and PIN open a process; Trade Republic then
/// asks either for an authenticator code or for approval in its phone app, which is polled every two seconds.
/// </summary>
internal sealed class WebLoginV2(TradeRepublicHttp http, TimeProvider clock) : ILoginFlow
{
    public const string AuthenticatorAction = "AUTHENTICATOR_VERIFICATION";
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan DefaultWindow = TimeSpan.FromSeconds(120);
    private const string LoginPath = "/api/v2/auth/web/login";
    private const string PendingStatus = "PENDING";

    public async Task<PendingLogin> StartAsync(string phone, string pin, CancellationToken cancellation)
    {
        var cookies = new SessionCookies(http.Settings.ApiUrl);
        var start = new UpstreamRequest(HttpMethod.Post, LoginPath, UpstreamCall.LoginStart, "the login request", WithV2Headers: true)
        {
            Body = TradeRepublicHttp.Json(new LoginRequest(phone, pin), TradeRepublicJsonContext.Default.LoginRequest),
        };
        var started = await http.SendAsync(start, cookies, TradeRepublicJsonContext.Default.LoginStarted, cancellation);
        var processId = started.RequireProcessId();
        var countdown = started.CountdownOr((int)DefaultWindow.TotalSeconds);
        var state = await ReadProcessAsync(processId, cookies, cancellation);
        var factor = state.RequiredAction == AuthenticatorAction ? SecondFactor.AuthenticatorCode : SecondFactor.AppApproval;
        var expiresAt = ParseExpiry(state.ExpiresAt) ?? clock.GetUtcNow().AddSeconds(countdown);
        return new PendingLogin(phone, processId, factor, expiresAt, countdown, cookies);
    }

    public async Task CompleteAsync(PendingLogin pending, string? code, Action<PendingLogin> awaitingApproval, CancellationToken cancellation)
    {
        if (pending.SecondFactor != SecondFactor.AuthenticatorCode)
        {
            await WaitForApprovalAsync(pending, known: null, cancellation);
            return;
        }

        await VerifyCodeAsync(pending, code ?? throw MissingCode(), cancellation);
        // Some accounts must still approve in the app after an accepted code (pytr#393): the process says so by
        // staying PENDING. A process without a status gives no reason to wait; any other status is read as an
        // approval's answer would be.
        var afterCode = await ReadProcessAsync(pending.ProcessId, pending.Cookies, cancellation);
        if (afterCode.Status is null)
        {
            return;
        }

        var approval = pending with { SecondFactor = SecondFactor.AppApproval, ExpiresAt = ParseExpiry(afterCode.ExpiresAt) ?? pending.ExpiresAt };
        if (afterCode.Status == PendingStatus)
        {
            awaitingApproval(approval);
        }

        await WaitForApprovalAsync(approval, afterCode, cancellation);
    }

    private async Task VerifyCodeAsync(PendingLogin pending, string code, CancellationToken cancellation)
    {
        var verify = new UpstreamRequest(HttpMethod.Post, $"{ProcessPath(pending.ProcessId)}/authenticator-verification", UpstreamCall.LoginStep, "the authenticator code", WithV2Headers: true)
        {
            Body = TradeRepublicHttp.Json(new AuthenticatorCode(code), TradeRepublicJsonContext.Default.AuthenticatorCode),
        };
        await http.SendAsync(verify, pending.Cookies, cancellation);
    }

    /// <summary>
    /// Polls the process (starting from <paramref name="known"/>, a state just read, if any) until the user approved,
    /// it failed, or its window closed; cancellable at every wait.
    /// </summary>
    private async Task WaitForApprovalAsync(PendingLogin pending, LoginProcessState? known, CancellationToken cancellation)
    {
        var state = known ?? await ReadProcessAsync(pending.ProcessId, pending.Cookies, cancellation);
        while (true)
        {
            switch (state.Status)
            {
                case { } status when IsSuccess(status):
                    return;
                case PendingStatus or null:
                    break;
                default:
                    throw SessionFailure.ApprovalFailed(state.Status);
            }

            if (clock.GetUtcNow() + PollInterval > pending.ExpiresAt)
            {
                throw SessionFailure.ApprovalWindowClosed();
            }

            await Task.Delay(PollInterval, clock, cancellation);
            state = await ReadProcessAsync(pending.ProcessId, pending.Cookies, cancellation);
        }
    }

    /// <summary>The statuses reported for a confirmed login: <c>CONFIRMED</c> and <c>COMPLETED</c> (pytr), <c>APPROVED</c> (seen by another client).</summary>
    private static bool IsSuccess(string status) => status is "CONFIRMED" or "COMPLETED" or "APPROVED";

    private Task<LoginProcessState> ReadProcessAsync(string processId, SessionCookies cookies, CancellationToken cancellation) =>
        http.SendAsync(
            new UpstreamRequest(HttpMethod.Get, ProcessPath(processId), UpstreamCall.LoginStep, "the login state request", WithV2Headers: true),
            cookies,
            TradeRepublicJsonContext.Default.LoginProcessState,
            cancellation);

    private static string ProcessPath(string processId) => $"{LoginPath}/processes/{Uri.EscapeDataString(processId)}";

    private static SessionFailure MissingCode() =>
        new(ApplicationErrorCode.CodeInvalid, "Trade Republic asks for the code from your authenticator app; send it as confirm_2fa's token.");

    /// <summary>
    /// <c>expiresAt</c> as ISO-8601 text or as epoch seconds or milliseconds; null when absent or unreadable — also when
    /// it is no date a calendar has (an epoch before year 1 or after 9999, text that is no Unicode), so the login's own
    /// countdown decides, as when Trade Republic sends none.
    /// </summary>
    public static DateTimeOffset? ParseExpiry(JsonElement? expiresAt) => expiresAt switch
    {
        { ValueKind: JsonValueKind.String } element when JsonText.TryGetString(element, out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) => parsed,
        { ValueKind: JsonValueKind.Number } number when number.TryGetInt64(out var epoch) => FromEpoch(epoch),
        _ => null,
    };

    /// <summary>Epoch milliseconds when the number is too large for seconds of this era, else seconds; null outside what <see cref="DateTimeOffset"/> holds.</summary>
    private static DateTimeOffset? FromEpoch(long epoch)
    {
        try
        {
            return epoch > 100_000_000_000 ? DateTimeOffset.FromUnixTimeMilliseconds(epoch) : DateTimeOffset.FromUnixTimeSeconds(epoch);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
