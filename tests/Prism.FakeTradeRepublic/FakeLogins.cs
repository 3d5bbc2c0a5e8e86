using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Prism.FakeTradeRepublic;

/// <summary>
/// The web logins: v2 (headers and app version checked, processes, authenticator code, app approval, or a code and
/// then an approval) and v1 (SMS code, normally blocked).
/// </summary>
internal sealed class FakeLogins(FakeTradeRepublicServer server)
{
    private const string V2 = "/api/v2/auth/web/login";
    private const string V1 = "/api/v1/auth/web/login";
    private readonly ConcurrentDictionary<string, LoginProcess> processes = new(StringComparer.Ordinal);

    /// <summary>Where a login process stands.</summary>
    private enum Stage
    {
        AwaitingCode,
        AwaitingApproval,
        Confirmed,
        Rejected,
    }

    /// <summary>One login process: its stage, until when it is valid, how often it was read while awaiting approval. Locked while read or changed.</summary>
    private sealed class LoginProcess(Stage stage, DateTimeOffset expiresAt)
    {
        public Stage Stage { get; set; } = stage;

        public DateTimeOffset ExpiresAt { get; set; } = expiresAt;

        public int ApprovalReads { get; set; }
    }

    public void MapOn(IEndpointRouteBuilder routes)
    {
        routes.MapPost(V2, StartV2Async);
        routes.MapGet(V2 + "/processes/{processId}", ReadProcess);
        routes.MapPost(V2 + "/processes/{processId}/authenticator-verification", VerifyAsync);
        routes.MapPost(V1, StartV1Async);
        routes.MapPost(V1 + "/{processId}/{code}", (string processId, string code, HttpResponse response) =>
            Complete(processId, code == FakeAccount.SmsCode, approvalMayFollow: false, response));
    }

    private async Task<IResult> StartV2Async(HttpRequest request)
    {
        server.CountLogin();
        if (MissingV2Header(request) is { } missing)
        {
            return FakeErrors.Error(400, "MISSING_REQUIRED_HEADER", missing);
        }

        if (server.Scenario.ClientOutdated)
        {
            return FakeErrors.Error(426, "CLIENT_VERSION_OUTDATED");
        }

        if (UnsupportedAppVersion(request) is { } refused)
        {
            return refused;
        }

        return await StartAsync(request, server.Scenario.SecondFactor);
    }

    private async Task<IResult> StartV1Async(HttpRequest request, HttpResponse response)
    {
        server.CountLogin();
        if (server.Scenario.V1Blocked)
        {
            // The AWS load balancer's answer without a WAF token: 405, its own server header, no body.
            response.Headers.Server = "awselb/2.0";
            return Results.StatusCode(405);
        }

        return await StartAsync(request, secondFactor: null);
    }

    /// <summary>Checks rate limit, phone and PIN, then opens a process (null factor: v1's SMS code).</summary>
    private async Task<IResult> StartAsync(HttpRequest request, FakeSecondFactor? secondFactor)
    {
        if (server.Scenario.Unresponsive)
        {
            await Task.Delay(Timeout.Infinite, request.HttpContext.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return Results.Empty;
        }

        if (server.Scenario.RateLimited)
        {
            // The bare case: the reference names the code and, at times, meta.nextAttemptInSeconds; no Retry-After header.
            return FakeErrors.Error(429, "TOO_MANY_REQUESTS");
        }

        if (server.Scenario.NextAttemptInSeconds is { } nextAttempt)
        {
            return FakeErrors.Error(429, "TOO_MANY_REQUESTS", meta: new { nextAttemptInSeconds = nextAttempt });
        }

        using var body = await JsonDocument.ParseAsync(request.Body);
        if (Text(body.RootElement, "phoneNumber") != FakeAccount.Phone || Text(body.RootElement, "pin") != FakeAccount.Pin)
        {
            return server.Scenario.UnreadableText ? FakeErrors.Written(401, FakeAccount.UnreadableErrorCode) : FakeErrors.Error(401, FakeAccount.WrongPinCode);
        }

        var approvalFirst = secondFactor == FakeSecondFactor.AppApproval;
        var window = ApprovalWindow(approvalFirst);
        var processId = server.NewSecret();
        processes[processId] = new LoginProcess(approvalFirst ? Stage.AwaitingApproval : Stage.AwaitingCode, DateTimeOffset.UtcNow + window);
        server.CountProcessStarted(processId);
        return Results.Json(new { processId, countdownInSeconds = (int)window.TotalSeconds });
    }

    /// <summary>How long a process lasts: a few seconds when the user will let an approval it waits for expire, else ten minutes.</summary>
    private TimeSpan ApprovalWindow(bool awaitsApproval) =>
        awaitsApproval && server.Scenario.Approval == FakeApproval.LetsItExpire ? TimeSpan.FromSeconds(3) : TimeSpan.FromMinutes(10);

    private IResult ReadProcess(string processId, HttpRequest request, HttpResponse response)
    {
        server.CountProcessRead(processId);
        if (MissingV2Header(request) is { } missing)
        {
            return FakeErrors.Error(400, "MISSING_REQUIRED_HEADER", missing);
        }

        if (UnsupportedAppVersion(request) is { } refused)
        {
            return refused;
        }

        if (!processes.TryGetValue(processId, out var process))
        {
            return FakeErrors.Error(404, "NOT_FOUND");
        }

        lock (process)
        {
            if (process.Stage == Stage.AwaitingCode)
            {
                // Epoch milliseconds here, ISO-8601 below: Trade Republic has used both.
                return server.Scenario.ProcessExpiresAtJson is { } written
                    ? Results.Content($$"""{"requiredAction":"AUTHENTICATOR_VERIFICATION","status":"PENDING","expiresAt":{{written}}}""", "application/json")
                    : Results.Json(new { requiredAction = "AUTHENTICATOR_VERIFICATION", status = "PENDING", expiresAt = process.ExpiresAt.ToUnixTimeMilliseconds() });
            }

            if (process.Stage == Stage.AwaitingApproval)
            {
                process.ApprovalReads++;
                process.Stage = server.Scenario.Approval switch
                {
                    FakeApproval.Approves when process.ApprovalReads > server.Scenario.PendingPolls => Stage.Confirmed,
                    FakeApproval.Rejects when process.ApprovalReads > 1 => Stage.Rejected,
                    _ => Stage.AwaitingApproval,
                };
                if (process.Stage == Stage.Confirmed)
                {
                    server.IssueSession(response);
                }
            }

            var status = process.Stage switch
            {
                Stage.Confirmed => server.Scenario.ConfirmedStatus,
                Stage.Rejected => "REJECTED",
                _ => "PENDING",
            };
            return Results.Json(new { requiredAction = "APP_APPROVAL", status, expiresAt = process.ExpiresAt.ToString("O") });
        }
    }

    private async Task<IResult> VerifyAsync(string processId, HttpRequest request, HttpResponse response)
    {
        if (MissingV2Header(request) is { } missing)
        {
            return FakeErrors.Error(400, "MISSING_REQUIRED_HEADER", missing);
        }

        if (UnsupportedAppVersion(request) is { } refused)
        {
            return refused;
        }

        if (server.Scenario.ProcessGone)
        {
            return FakeErrors.Error(410, "PROCESS_GONE");
        }

        using var body = await JsonDocument.ParseAsync(request.Body);
        return Complete(processId, Text(body.RootElement, "code") == FakeAccount.AuthenticatorCode, approvalMayFollow: true, response);
    }

    /// <summary>
    /// Finishes a process with a right or wrong code: session cookies (or, with <see cref="FakeScenario.ApprovalAfterCode"/>,
    /// a wait for the app approval, whose window starts now), 400 <c>VALIDATION_CODE_INVALID</c>, or 410 when done or unknown.
    /// </summary>
    private IResult Complete(string processId, bool codeIsRight, bool approvalMayFollow, HttpResponse response)
    {
        if (!processes.TryGetValue(processId, out var process))
        {
            return FakeErrors.Error(404, "NOT_FOUND");
        }

        lock (process)
        {
            if (process.Stage != Stage.AwaitingCode)
            {
                return FakeErrors.Error(410, "ALREADY_PROCESSED");
            }

            if (!codeIsRight)
            {
                return FakeErrors.Error(400, "VALIDATION_CODE_INVALID");
            }

            if (approvalMayFollow && server.Scenario.ApprovalAfterCode)
            {
                process.Stage = Stage.AwaitingApproval;
                process.ExpiresAt = DateTimeOffset.UtcNow + ApprovalWindow(awaitsApproval: true);
            }
            else
            {
                process.Stage = Stage.Confirmed;
                server.IssueSession(response);
            }

            return Results.Json(new { });
        }
    }

    /// <summary>422 <c>MOBILE_APP_VERSION_NOT_SUPPORTED</c> when the request's app version is the one <see cref="FakeScenario.UnsupportedAppVersion"/> names.</summary>
    private IResult? UnsupportedAppVersion(HttpRequest request) =>
        server.Scenario.UnsupportedAppVersion is { } unsupported && request.Headers["X-TR-App-Version"].ToString() == unsupported
            ? FakeErrors.Error(422, "MOBILE_APP_VERSION_NOT_SUPPORTED", "Please update the app")
            : null;

    /// <summary>Null when the v2 headers are all there and well-formed; otherwise which one is missing.</summary>
    private static string? MissingV2Header(HttpRequest request)
    {
        if (!IsDeviceInfo(request.Headers["X-TR-Device-Info"].ToString()))
        {
            return "X-TR-Device-Info";
        }

        string[] required = ["X-TR-App-Version", "X-Tr-Platform", "Accept-Language"];
        return required.FirstOrDefault(name => string.IsNullOrEmpty(request.Headers[name].ToString()));
    }

    /// <summary>Base64 of a JSON object whose <c>stableDeviceId</c> is a SHA-512 hex digest.</summary>
    private static bool IsDeviceInfo(string header)
    {
        try
        {
            using var info = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(header)));
            return Text(info.RootElement, "stableDeviceId") is { Length: 128 } id && id.All(char.IsAsciiHexDigit);
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            return false;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
