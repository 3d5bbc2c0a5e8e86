using Serilog;

namespace Prism.Host.Api;

/// <summary>
/// Puts <c>Cache-Control: no-store</c> and <c>X-Content-Type-Options: nosniff</c> on every response — API and page,
/// refusals (401, 403, 404) and errors included — before anything else runs: a portfolio must not linger in the web
/// view's cache after logout, nor a JSON body be sniffed into a page. A request that fails with an exception is
/// answered here (its status, or 500, no body) instead of by Kestrel, which would drop every header set so far.
/// </summary>
internal static class NoStoreHeaders
{
    public static Func<RequestDelegate, RequestDelegate> Middleware(ILogger log) => next => async context =>
    {
        Apply(context.Response.Headers);
        try
        {
            await next(context);
        }
        catch (Exception exception) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            var status = exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;
            log.Error(exception, "{Method} {Path} failed; answered {Status}", context.Request.Method, context.Request.Path.Value, status);
            context.Response.Clear();
            Apply(context.Response.Headers);
            context.Response.StatusCode = status;
        }
    };

    private static void Apply(IHeaderDictionary headers)
    {
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
    }
}
