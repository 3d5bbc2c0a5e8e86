using Microsoft.AspNetCore.Http;

namespace Prism.FakeTradeRepublic;

/// <summary>Trade Republic's error bodies: <c>{"errors":[{"errorCode","errorMessage","meta"}]}</c>.</summary>
internal static class FakeErrors
{
    /// <summary>An error answer; <paramref name="meta"/> is the error's <c>meta</c> object (empty when null).</summary>
    public static IResult Error(int status, string code, string message = "", object? meta = null) =>
        Results.Json(new { errors = new[] { new { errorCode = code, errorMessage = message, meta = meta ?? new { } } } }, statusCode: status);
}
