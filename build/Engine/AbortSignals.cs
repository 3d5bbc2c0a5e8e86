using System.Runtime.InteropServices;

namespace Prism.Pipeline.Engine;

/// <summary>
/// Turns SIGINT (Ctrl-C, an IDE's stop button), SIGTERM (a CI cancel, <c>kill</c>) and SIGHUP (a closed terminal)
/// into the build's abort: the cancellation every target and tool run takes, so each tool the build started is
/// ended with its whole process tree and the build finishes in order (its <c>finally</c> blocks stop emulators and
/// Wine's server). Without this, SIGTERM and SIGHUP would end the build process at once and leave its tools running.
/// A second signal ends the build process at once; the first has already ended the tools.
/// </summary>
internal sealed class AbortSignals : IDisposable
{
    private readonly CancellationTokenSource abort;
    private readonly PosixSignalRegistration[] registrations;
    private int received;

    public AbortSignals(CancellationTokenSource abort)
    {
        this.abort = abort;
        registrations = [.. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP }.Select(signal => PosixSignalRegistration.Create(signal, Handle))];
    }

    /// <summary>
    /// The exit code of a build that <paramref name="runnerExitCode"/> ended: for an aborted one 128 + the signal's
    /// number, as shells report a process a signal ended (130 for SIGINT, 143 for SIGTERM, 129 for SIGHUP).
    /// </summary>
    public int ExitCode(int runnerExitCode) =>
        runnerExitCode == BuildException.AbortedExitCode && Volatile.Read(ref received) is var signal and not 0 ? 128 + signal : runnerExitCode;

    public void Dispose()
    {
        foreach (var registration in registrations)
        {
            registration.Dispose();
        }
    }

    private void Handle(PosixSignalContext context)
    {
        // The first signal aborts in order; the default action (the process ends) is left to a second one.
        context.Cancel = Interlocked.CompareExchange(ref received, SignalNumber(context.Signal), 0) == 0;
        abort.Cancel();
    }

    /// <summary>POSIX's numbers (the PosixSignal enum's values are .NET's own, negative).</summary>
    private static int SignalNumber(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGHUP => 1,
        PosixSignal.SIGINT => 2,
        PosixSignal.SIGTERM => 15,
        _ => 2,
    };
}
