using System.Runtime.InteropServices;
using Prism.Daemon.Transport;
using Serilog;

namespace Prism.Daemon.Hosting;

/// <summary>Turns SIGTERM and Ctrl-C (SIGINT) into an orderly stop: answer what was read, flush, exit 0.</summary>
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

        return new ShutdownSignals([Handle(PosixSignal.SIGTERM), Handle(PosixSignal.SIGINT)]);
    }

    public void Dispose()
    {
        foreach (var registration in registrations)
        {
            registration.Dispose();
        }
    }
}
