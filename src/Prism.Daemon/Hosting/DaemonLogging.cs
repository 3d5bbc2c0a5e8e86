using Serilog;
using Serilog.Core;

namespace Prism.Daemon.Hosting;

/// <summary>
/// Serilog for the daemon: plain timestamped lines on stderr only (stdout belongs to the protocol), written
/// asynchronously so that a stderr nobody reads never blocks a reply (SidecarLogging.Stderr). The host
/// owns the daemon's stderr and decides where it is kept. There is deliberately no file sink: Serilog.Sinks.File
/// adds about 1 MB to the Native AOT binary (measured at 5.9 MB without, 6.9 MB with), which its size budget has no room for.
/// </summary>
internal static class DaemonLogging
{
    private const string Template = "{Timestamp:yyyy-MM-dd'T'HH:mm:ss.fffzzz} [{Level:u3}] {Message:lj}{NewLine}{Exception}";

    public static Logger Create(DaemonOptions options) => new LoggerConfiguration()
        .MinimumLevel.Is(options.LogLevel)
        .WriteTo.Stderr(Template)
        .CreateLogger();
}
