using Microsoft.AspNetCore.Http;

namespace Prism.FakeTradeRepublic;

/// <summary>Trade Republic's error bodies: <c>{"errors":[{"errorCode","errorMessage","meta"}]}</c>.</summary>
internal static class FakeErrors
{
    /// <summary>An error answer; <paramref name="meta"/> is the error's <c>meta</c> object (empty when null).</summary>
    public static IResult Error(int status, string code, string message = "", object? meta = null) =>
        Results.Json(new { errors = new[] { new { errorCode = code, errorMessage = message, meta = meta ?? new { } } } }, statusCode: status);

    /// <summary>An error answer whose code is <paramref name="codeAsWritten"/> as it stands between the quotes, escapes and all (the serializer would escape them).</summary>
    public static IResult Written(int status, string codeAsWritten) =>
        Results.Content($$$"""{"errors":[{"errorCode":"{{{codeAsWritten}}}","errorMessage":"","meta":{}}]}""", "application/json", statusCode: status);
}
