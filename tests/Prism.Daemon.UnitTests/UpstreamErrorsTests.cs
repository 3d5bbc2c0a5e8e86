using System.Net;
using Prism.Daemon.Upstream;
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
    [InlineData("LoginStart", 422, "MOBILE_APP_VERSION_NOT_SUPPORTED", ApplicationErrorCode.ClientOutdated)]
    [InlineData("LoginStep", 422, "MOBILE_APP_VERSION_NOT_SUPPORTED", ApplicationErrorCode.ClientOutdated)]
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

    [Fact]
    public void Refused_app_version_names_the_setting_that_fixes_it()
    {
        var failure = UpstreamErrors.Map(UpstreamCall.LoginStart, HttpStatusCode.UnprocessableEntity, null, Body("MOBILE_APP_VERSION_NOT_SUPPORTED"), null);

        Assert.Contains("PRISM_TR_APP_VERSION", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("47", 47)]
    [InlineData("\"47\"", 47)]
    [InlineData("12.2", 13)]
    public void Rate_limit_carries_the_wait_trade_republic_names_in_next_attempt_in_seconds(string nextAttempt, int expected)
    {
        var body = $$$"""{"errors":[{"errorCode":"TOO_MANY_REQUESTS","errorMessage":"","meta":{"nextAttemptInSeconds":{{{nextAttempt}}}}}]}""";

        var failure = UpstreamErrors.Map(UpstreamCall.LoginStart, HttpStatusCode.TooManyRequests, null, body, retryAfterSeconds: 30);

        Assert.Equal(ApplicationErrorCode.RateLimited, failure.Code);
        Assert.Equal(expected, failure.RetryAfterSeconds);
        Assert.Contains($"{expected} s", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("\"soon\"")]
    [InlineData("null")]
    public void Unusable_next_attempt_in_seconds_falls_back_to_retry_after(string nextAttempt)
    {
        var body = $$$"""{"errors":[{"errorCode":"TOO_MANY_REQUESTS","meta":{"nextAttemptInSeconds":{{{nextAttempt}}}}}]}""";

        Assert.Equal(30, UpstreamErrors.Map(UpstreamCall.LoginStart, HttpStatusCode.TooManyRequests, null, body, retryAfterSeconds: 30).RetryAfterSeconds);
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

    /// <summary>An error code that is no Unicode text is no code: the answer is what its status says, without a reason.</summary>
    [Fact]
    public void An_error_code_that_is_not_unicode_is_no_code()
    {
        var failure = UpstreamErrors.Map(UpstreamCall.LoginStart, HttpStatusCode.Unauthorized, null, """{"errors":[{"errorCode":"PIN_\udc00","meta":{"nextAttemptInSeconds":"\ud800"}}],"\udfff":0}""", null);

        Assert.Equal(ApplicationErrorCode.LoginRejected, failure.Code);
        Assert.Null(failure.Reason);
        Assert.Null(UpstreamErrors.FirstErrorCode("""{"errors":[{"errorCode":"\ud800"}]}"""));
    }
}
