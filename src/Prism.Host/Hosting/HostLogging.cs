using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Prism.Host.Hosting;

/// <summary>Serilog for the host: plain timestamped lines on stderr only (stdout carries the ready line alone).</summary>
internal static class HostLogging
{
    private const string Template = "{Timestamp:yyyy-MM-dd'T'HH:mm:ss.fffzzz} [{Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    public static Logger Create()
    {
        var (level, problem) = SidecarLogging.ReadLevel();
        var log = new LoggerConfiguration()
            .MinimumLevel.Is(level)
            .Enrich.WithProperty("SourceContext", "prism")
            // ASP.NET Core's per-request lines add noise, not insight, at Information.
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .WriteTo.Stderr(Template)
            .CreateLogger();
        if (problem is not null)
        {
            log.Warning("{Problem}", problem);
        }

        return log;
    }
}
