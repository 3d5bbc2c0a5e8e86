using System.Reflection;

namespace Prism.Host.Api;

/// <summary>
/// Serves the page from resources embedded in the binary (no files beside the executable): <c>wwwroot/index.html</c>
/// at <c>/</c>, every other <c>wwwroot/&lt;name&gt;</c> at <c>/&lt;name&gt;</c>, with headers that keep the page
/// from being framed or talking to any origin but this one (<see cref="NoStoreHeaders"/> keeps every response from
/// being cached or sniffed).
/// </summary>
internal static class EmbeddedPage
{
    private const string ResourcePrefix = "wwwroot/";
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".ico"] = "image/x-icon",
    };

    public static void Map(IEndpointRouteBuilder routes)
    {
        var assembly = typeof(EmbeddedPage).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames().Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var file = resource[ResourcePrefix.Length..];
            var route = file == "index.html" ? "/" : "/" + file;
            routes.MapGet(route, Serve(Read(assembly, resource), ContentTypeOf(file)));
        }
    }

    private static RequestDelegate Serve(byte[] content, string contentType) => context =>
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        context.Response.ContentType = contentType;
        context.Response.ContentLength = content.Length;
        return context.Response.Body.WriteAsync(content, context.RequestAborted).AsTask();
    };

    private static byte[] Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource '{resource}' is listed but cannot be opened; rebuild Prism.Host.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string ContentTypeOf(string file) =>
        ContentTypes.TryGetValue(Path.GetExtension(file), out var type) ? type : "application/octet-stream";
}
