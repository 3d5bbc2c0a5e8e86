using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Prism.FakeTradeRepublic;

/// <summary>
/// The calls made with session cookies: the session exchange/refresh (see <see cref="FakeTradeRepublicServer.Refresh"/>)
/// and the account, which needs a <c>tr_session</c>; 401 <c>AUTHENTICATION_ERROR</c> without a valid one (padded past
/// 1 MiB under <see cref="FakeScenario.OversizedAccountAnswer"/>).
/// </summary>
internal static class FakeSessionApi
{
    private static readonly string AccountJson = $$"""{"securitiesAccountNumber":"{{FakeAccount.SecuritiesAccountNumber}}","cashAccountNumber":"DE00123"}""";

    public static void MapOn(IEndpointRouteBuilder routes, FakeTradeRepublicServer server)
    {
        routes.MapGet("/api/v1/auth/web/session", (HttpRequest request, HttpResponse response) =>
            server.Refresh(request, response) ? Results.Json(new { }) : FakeErrors.Error(401, "AUTHENTICATION_ERROR"));
        routes.MapGet("/api/v2/auth/account", (HttpRequest request) =>
            !server.HasValidSession(request) ? FakeErrors.Error(401, "AUTHENTICATION_ERROR")
            : server.Scenario.OversizedAccountAnswer ? Results.Content(FakeAccount.Padded(AccountJson, FakeAccount.OversizedPaddingBytes), "application/json")
            : Results.Content(AccountJson, "application/json"));
    }
}
