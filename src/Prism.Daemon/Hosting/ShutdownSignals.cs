using System.Runtime.InteropServices;
using Prism.Daemon.Transport;
using Serilog;

namespace Prism.Daemon.Hosting;

/// <summary>
/// Turns SIGTERM, Ctrl-C (SIGINT) and SIGHUP (the terminal closed, or the parent's session ended; its default would
/// kill the daemon mid-reply) into an orderly stop: answer what was read, flush, exit 0.
/// </summary>
internal sealed class ShutdownSignals : IDisposable
{
    private readonly PosixSignalRegistration[] registrations;

    private ShutdownSignals(PosixSignalRegistration[] registrations) => this.registrations = registrations;

    public static ShutdownSignals Register(StopSignal stop, ILogger log)
    {
        PosixSignalRegistration Handle(PosixSignal signal) => PosixSignalRegistration.Create(signal, context =>
        {
            // Cancel the default termination: the transport drains and the process exits 0 by itself.
            context.Cancel = true;
            log.Information("Received {Signal}; stopping after the replies still owed", context.Signal);
            stop.Request();
        });

        return new ShutdownSignals([Handle(PosixSignal.SIGTERM), Handle(PosixSignal.SIGINT), Handle(PosixSignal.SIGHUP)]);
    }

    public void Dispose()
    {
        foreach (var registration in registrations)
        {
            registration.Dispose();
        }
    }
}
