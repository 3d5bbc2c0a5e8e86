using System.Net;
using Prism.Daemon.Session;
using Prism.Protocol;

namespace Prism.Daemon.UnitTests;

/// <summary>Every Trade Republic failure of the reference page maps to the contract's application error, with its code as reason.</summary>
public sealed class UpstreamErrorsTests
{
    private static string Body(string code) => $$$"""{"errors":[{"errorCode":"{{{code}}}","errorMessage":"x","meta":{}}]}""";

    [Theory]
    [InlineData("LoginStep", 400, "VALIDATION_CODE_INVALID", ApplicationErrorCode.CodeInvalid)]
    [InlineData("LoginStep", 400, "VALIDATION_CODE_ALREADY_USED", ApplicationErrorCode.CodeInvalid)]
    [InlineData("LoginStep", 410, "PROCESS_GONE", ApplicationErrorCode.LoginExpired)]
    [InlineData("LoginStep", 410, "ALREADY_PROCESSED", ApplicationErrorCode.LoginExpired)]
    [InlineData("LoginStep", 404, "NOT_FOUND", ApplicationErrorCode.LoginExpired)]
    [InlineData("LoginStart", 429, "TOO_MANY_REQUESTS", ApplicationErrorCode.RateLimited)]
    [InlineData("LoginStart", 400, "TOO_MANY_REQUESTS", ApplicationErrorCode.RateLimited)]
    [InlineData("LoginStart", 426, "CLIENT_VERSION_OUTDATED", ApplicationErrorCode.ClientOutdated)]
    [InlineData("SessionCall", 401, "AUTHENTICATION_ERROR", ApplicationErrorCode.NotAuthenticated)]
    [InlineData("LoginStart", 401, "PIN_INVALID", ApplicationErrorCode.LoginRejected)]
    [InlineData("LoginStart", 400, "MISSING_REQUIRED_HEADER", ApplicationErrorCode.UpstreamError)]
    [InlineData("SessionCall", 500, "INTERNAL", ApplicationErrorCode.UpstreamError)]
    public void Trade_republic_code_maps_to_the_contract_code_with_it_as_reason(string call, int status, string code, ApplicationErrorCode expected)
    {
        var failure = UpstreamErrors.Map(Enum.Parse<UpstreamCall>(call), (HttpStatusCode)status, server: null, Body(code), retryAfterSeconds: null);

        Assert.Equal(expected, failure.Code);
        Assert.Equal(code, failure.Reason);
        Assert.Equal(status, failure.HttpStatus);
    }

    [Fact]
    public void Load_balancer_405_is_upstream_blocked_and_says_how_to_fix_it()
    {
        var failure = UpstreamErrors.Map(UpstreamCall.LoginStart, HttpStatusCode.MethodNotAllowed, "awselb/2.0", "", retryAfterSeconds: null);

        Assert.Equal(ApplicationErrorCode.UpstreamBlocked, failure.Code);
        Assert.Contains("PRISM_TR_LOGIN_API", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_405_from_anyone_else_is_an_upstream_error()
    {
        Assert.Equal(ApplicationErrorCode.UpstreamError, UpstreamErrors.Map(UpstreamCall.LoginStart, HttpStatusCode.MethodNotAllowed, "nginx", "", null).Code);
    }

    [Fact]
    public void Rate_limit_carries_the_wait_from_retry_after()
    {
        var failure = UpstreamErrors.Map(UpstreamCall.LoginStart, HttpStatusCode.TooManyRequests, null, "", retryAfterSeconds: 42);

        Assert.Equal(ApplicationErrorCode.RateLimited, failure.Code);
        Assert.Equal(42, failure.RetryAfterSeconds);
        Assert.Equal("TOO_MANY_REQUESTS", failure.Reason);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"errors":[]}""")]
    [InlineData("""{"errors":[{"errorCode":"has space or secret 4711!"}]}""")]
    public void A_body_without_a_clean_error_code_gives_no_reason_from_the_body(string body)
    {
        var failure = UpstreamErrors.Map(UpstreamCall.SessionCall, HttpStatusCode.BadGateway, null, body, null);

        Assert.Equal("HTTP_502", failure.Reason);
        Assert.DoesNotContain("4711", failure.Message, StringComparison.Ordinal);
    }
}
