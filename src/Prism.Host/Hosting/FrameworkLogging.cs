using Microsoft.Extensions.Logging;

namespace Prism.Host.Hosting;

/// <summary>Routes ASP.NET Core's own log messages (Microsoft.Extensions.Logging) into the host's Serilog logger, and nowhere else.</summary>
internal static class FrameworkLogging
{
    public static void SendTo(ILoggingBuilder logging, Serilog.ILogger log)
    {
        // Without this the slim builder's console provider would write to stdout, which belongs to the ready line.
        logging.ClearProviders();
        Serilog.SerilogLoggingBuilderExtensions.AddSerilog(logging, log);
    }
}
