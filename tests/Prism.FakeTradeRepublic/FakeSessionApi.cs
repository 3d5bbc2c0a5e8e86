using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Prism.FakeTradeRepublic;

/// <summary>The calls made with session cookies: refresh and account; 401 <c>AUTHENTICATION_ERROR</c> without a valid session.</summary>
internal static class FakeSessionApi
{
    public static void MapOn(IEndpointRouteBuilder routes, FakeTradeRepublicServer server)
    {
        routes.MapGet("/api/v1/auth/web/session", (HttpRequest request) =>
            server.HasValidSession(request) ? Results.Json(new { }) : FakeErrors.Error(401, "AUTHENTICATION_ERROR"));
        routes.MapGet("/api/v2/auth/account", (HttpRequest request) =>
            server.HasValidSession(request)
                ? Results.Json(new { securitiesAccountNumber = FakeAccount.SecuritiesAccountNumber, cashAccountNumber = "DE00123" })
                : FakeErrors.Error(401, "AUTHENTICATION_ERROR"));
    }
}
