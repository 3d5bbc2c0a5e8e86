using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Prism.Host.Bridge;
using Prism.Protocol;

namespace Prism.Host.Api;

/// <summary>The JSON API that mirrors the daemon (host-api.md): each route reads its body, makes one daemon call and answers its result or error.</summary>
internal static class DaemonEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, DaemonBridge bridge)
    {
        routes.MapGet(ApiRoutes.Status, Relay(bridge, DaemonCalls.GetStatus, NoBody));
        routes.MapPost(ApiRoutes.Login, Relay(bridge, DaemonCalls.Login, Body(ProtocolJsonContext.Default.LoginParams, """{"phone","pin","restore_only"?}""", whenEmpty: null)));
        routes.MapPost(ApiRoutes.ConfirmTwoFactor, Relay(bridge, DaemonCalls.ConfirmTwoFactor, Body(ProtocolJsonContext.Default.ConfirmTwoFactorParams, """{"token"?}""", whenEmpty: () => new ConfirmTwoFactorParams())));
        routes.MapPost(ApiRoutes.Logout, Relay(bridge, DaemonCalls.Logout, NoBody));
        routes.MapGet(ApiRoutes.Portfolio, Relay(bridge, DaemonCalls.FetchPortfolio, NoBody));
    }

    /// <summary>Reads a request's parameters: the value, or the error to answer instead.</summary>
    private delegate Task<(TParams? Value, ApiError? Error)> BodyReader<TParams>(HttpRequest request);

    private static Task<(EmptyParams?, ApiError?)> NoBody(HttpRequest request) => Task.FromResult<(EmptyParams?, ApiError?)>((new EmptyParams(), null));

    /// <summary>The JSON body as <typeparamref name="TParams"/>; an empty body means <paramref name="whenEmpty"/>, or is refused when that is null.</summary>
    private static BodyReader<TParams> Body<TParams>(JsonTypeInfo<TParams> typeInfo, string expected, Func<TParams>? whenEmpty) => async request =>
    {
        if (request.ContentLength == 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count == 0))
        {
            return whenEmpty is null ? (default, ApiErrors.InvalidBody(expected)) : (whenEmpty(), null);
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync(request.Body, typeInfo, request.HttpContext.RequestAborted);
            return value is null ? (default, ApiErrors.InvalidBody(expected)) : (value, null);
        }
        catch (JsonException)
        {
            // The parser's message may quote the body (a PIN); the answer only says what shape is expected.
            return (default, ApiErrors.InvalidBody(expected));
        }
    };

    private static RequestDelegate Relay<TParams, TResult>(DaemonBridge bridge, DaemonCall<TParams, TResult> call, BodyReader<TParams> readBody) => async context =>
    {
        var (parameters, bodyError) = await readBody(context.Request);
        if (bodyError is not null || parameters is null)
        {
            await WriteErrorAsync(context, bodyError ?? ApiErrors.InvalidBody("{}"));
            return;
        }

        TResult result;
        try
        {
            result = await bridge.CallAsync(call, parameters, context.RequestAborted);
        }
        catch (Exception exception) when (ApiErrors.From(exception) is { } error)
        {
            await WriteErrorAsync(context, error);
            return;
        }

        await context.Response.WriteAsJsonAsync(result, call.Result, cancellationToken: context.RequestAborted);
    };

    private static Task WriteErrorAsync(HttpContext context, ApiError error)
    {
        context.Response.StatusCode = error.HttpStatus;
        if (error.RetryAfterSeconds is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        }

        return context.Response.WriteAsJsonAsync(new ApiErrorBody(error), ApiJsonContext.Default.ApiErrorBody, cancellationToken: context.RequestAborted);
    }
}
