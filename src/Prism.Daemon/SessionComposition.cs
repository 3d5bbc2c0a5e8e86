using Prism.Daemon.Hosting;
using Prism.Daemon.Portfolio;
using Prism.Daemon.Session;
using Prism.Daemon.Storage;
using Prism.Daemon.Upstream;
using Serilog;

namespace Prism.Daemon;

/// <summary>Puts the session parts together from the daemon's settings: nothing here touches the network or a file.</summary>
internal static class SessionComposition
{
    public static SessionManager Create(DaemonOptions options, DataDirectory folder, HttpClient httpClient, ILogger log)
    {
        var settings = options.TradeRepublic;
        var http = new TradeRepublicHttp(httpClient, settings, new DeviceIdentity(folder));
        var clock = TimeProvider.System;
        ILoginFlow login = settings.LoginApi == LoginApi.V1 ? new WebLoginV1(http, clock) : new WebLoginV2(http, clock);
        return new SessionManager(
            login,
            new SessionEndpoints(http),
            new SessionStore(folder, log),
            new PortfolioReader(settings, new PositionPricer(settings.PriceBudget, log), log),
            settings.ApiUrl,
            clock,
            log);
    }
}
