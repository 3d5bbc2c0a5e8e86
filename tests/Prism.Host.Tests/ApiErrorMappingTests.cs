using System.Text.Json;
using Prism.Host.Api;
using Prism.Host.Bridge;
using Prism.Protocol;
using StreamJsonRpc;

namespace Prism.Host.Tests;

/// <summary>host-api.md's error mapping: the daemon's code and name in the body, and the HTTP status that goes with it.</summary>
public sealed class ApiErrorMappingTests
{
    [Theory]
    [InlineData(1001, "NOT_AUTHENTICATED", 401)]
    [InlineData(1002, "LOGIN_REJECTED", 400)]
    [InlineData(1003, "RATE_LIMITED", 429)]
    [InlineData(1004, "CODE_INVALID", 400)]
    [InlineData(1005, "LOGIN_EXPIRED", 409)]
    [InlineData(1006, "NO_PENDING_LOGIN", 409)]
    [InlineData(1007, "SESSION_RESTORE_FAILED", 409)]
    [InlineData(1008, "UPSTREAM_BLOCKED", 502)]
    [InlineData(1009, "CLIENT_OUTDATED", 502)]
    [InlineData(1010, "UPSTREAM_ERROR", 502)]
    [InlineData(1011, "TIMEOUT", 504)]
    [InlineData(1012, "DATA_FOLDER_UNUSABLE", 500)]
    [InlineData(-32602, "INVALID_PARAMS", 400)]
    [InlineData(-32603, "DAEMON_ERROR", 502)]
    public void Daemon_error_keeps_its_code_and_message_and_gets_its_http_status(int code, string name, int httpStatus)
    {
        var error = ApiErrors.From(new RemoteInvocationException("Trade Republic refused the login.", code, errorData: null));

        Assert.Equal(new ApiError(code, name, "Trade Republic refused the login.") { HttpStatus = httpStatus }, error);
    }

    [Fact]
    public void Rate_limit_carries_the_daemons_retry_after_for_the_header_and_not_in_the_body()
    {
        var rateLimited = new RemoteInvocationException("Trade Republic is rate limiting.", 1003, errorData: null, new ApplicationErrorData("TOO_MANY_REQUESTS", RetryAfterS: 47));

        var error = ApiErrors.From(rateLimited);

        Assert.Equal(new ApiError(1003, "RATE_LIMITED", "Trade Republic is rate limiting.") { HttpStatus = 429, RetryAfterSeconds = 47 }, error);
        Assert.Equal("""{"error":{"code":1003,"name":"RATE_LIMITED","message":"Trade Republic is rate limiting."}}""",
            JsonSerializer.Serialize(new ApiErrorBody(error!), ApiJsonContext.Default.ApiErrorBody));
    }

    [Fact]
    public void Missing_daemon_is_503_with_the_locators_message()
    {
        var notFound = DaemonNotFoundException.NoneFound([new TriedPath("/app/tr-daemon", "bundled name next to prism", "missing")]);

        var error = ApiErrors.From(notFound);

        Assert.Equal(503, error?.HttpStatus);
        Assert.Equal("DAEMON_UNAVAILABLE", error?.Name);
        Assert.Contains("/app/tr-daemon (bundled name next to prism): missing", error?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Call_timeout_is_504_TIMEOUT()
    {
        var error = ApiErrors.From(DaemonTimeoutException.For("login", TimeSpan.FromSeconds(60)));

        Assert.Equal(new ApiError(1011, "TIMEOUT", "tr-daemon did not answer 'login' within 60 s; the request was cancelled. Try again.") { HttpStatus = 504 }, error);
    }

    [Fact]
    public void Unexpected_exceptions_are_not_described_to_the_client()
    {
        Assert.Null(ApiErrors.From(new InvalidOperationException("internal detail")));
    }
}
