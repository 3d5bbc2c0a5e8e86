using Microsoft.AspNetCore.Http;

namespace Prism.FakeTradeRepublic;

/// <summary>Trade Republic's error bodies: <c>{"errors":[{"errorCode","errorMessage","meta"}]}</c>.</summary>
internal static class FakeErrors
{
    public static IResult Error(int status, string code, string message = "") =>
        Results.Json(new { errors = new[] { new { errorCode = code, errorMessage = message, meta = new { } } } }, statusCode: status);
}
