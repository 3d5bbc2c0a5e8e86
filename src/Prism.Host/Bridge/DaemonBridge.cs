using Prism.Protocol;
using Serilog;
using StreamJsonRpc;

namespace Prism.Host.Bridge;

/// <summary>
/// Supervises tr-daemon for the host: finds and starts it on first use, runs each call with its own time limit
/// (cancellation reaches the daemon as <c>$/cancelRequest</c>), starts a fresh daemon on the next call after one
/// died or was found hung (waiting longer after each failure in a row) and restores on it the session the dead one
/// held, and shuts it down (then kills it) when the host stops. Every wait has a limit of the host's own, whether or
/// not the daemon answers: a call's limit, the answer to a cancellation, the start, the restore, the shutdown.
/// </summary>
internal sealed class DaemonBridge : IAsyncDisposable
{
    private readonly Func<DaemonLaunchSpec> locate;
    private readonly BridgeOptions options;
    private readonly ILogger log;
    private readonly SemaphoreSlim startGate = new(1, 1);
    private readonly SessionRecall session = new();

    /// <summary>Cancelled when the host begins to stop: calls still waiting end at once, so the stop is not held up by them.</summary>
    private readonly CancellationTokenSource stopping = new();

    private DaemonProcess? current;
    private int failuresInARow;
    private bool disposed;

    /// <summary>The session's restore on the latest replacement daemon; calls wait for it, so they find the session back.</summary>
    private Task restoring = Task.CompletedTask;

    public DaemonBridge(Func<DaemonLaunchSpec> locate, BridgeOptions options, ILogger log)
    {
        this.locate = locate;
        this.options = options;
        this.log = log.ForContext<DaemonBridge>();
    }

    /// <summary>
    /// Calls <paramref name="call"/> on the daemon. Throws <see cref="DaemonNotFoundException"/> or
    /// <see cref="DaemonStartException"/> when there is no daemon to ask, <see cref="DaemonTimeoutException"/> after
    /// the call's time limit, <see cref="DaemonConnectionLostException"/> when the daemon died meanwhile or the host
    /// is stopping, and StreamJsonRpc's <see cref="RemoteInvocationException"/> for the daemon's own error replies.
    /// </summary>
    public async Task<TResult> CallAsync<TParams, TResult>(DaemonCall<TParams, TResult> call, TParams parameters, CancellationToken cancellationToken)
    {
        session.Sending(call.Method);
        using var callerOrStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping.Token);
        try
        {
            var result = await CallWithinTimeLimitAsync(call, parameters, callerOrStop.Token);
            call.Recall?.Invoke(session, parameters, result);
            return result;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var stopped = DaemonConnectionLostException.HostStopping(call.Method);
            session.Failed(call.Method, stopped);
            throw stopped;
        }
        catch (Exception exception)
        {
            session.Failed(call.Method, exception);
            throw;
        }
    }

    /// <summary>The host begins to stop: calls still waiting end now (<see cref="DaemonConnectionLostException"/>) and no daemon is started any more.</summary>
    public void BeginStopping() => stopping.Cancel();

    /// <summary>
    /// The call within its own time limit, which starts once a daemon is ready: starting one (and restoring its session)
    /// has limits of its own, which a cold or emulated start may need most of.
    /// </summary>
    private async Task<TResult> CallWithinTimeLimitAsync<TParams, TResult>(DaemonCall<TParams, TResult> call, TParams parameters, CancellationToken cancellationToken)
    {
        var daemon = await ReadyDaemonAsync(cancellationToken);
        using var timeout = new CancellationTokenSource(call.Timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var result = await CallOnceAsync(daemon, call, parameters, linked.Token, cancellationToken);
            Interlocked.Exchange(ref failuresInARow, 0);
            return result;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw DaemonTimeoutException.For(call.Method, call.Timeout);
        }
        catch (ConnectionLostException exception)
        {
            throw DaemonConnectionLostException.During(call.Method, exception);
        }
    }

    /// <summary>The call on <paramref name="daemon"/>; a harmless call that met a daemon that just died is asked once more of a new one (started on <paramref name="startCancellation"/>).</summary>
    private async Task<TResult> CallOnceAsync<TParams, TResult>(DaemonProcess daemon, DaemonCall<TParams, TResult> call, TParams parameters,
        CancellationToken cancellationToken, CancellationToken startCancellation)
    {
        try
        {
            return await daemon.CallAsync(call, parameters, cancellationToken);
        }
        catch (ConnectionLostException) when (call.SafeToRepeat)
        {
            log.Warning("tr-daemon (pid {DaemonPid}) died during '{Method}'; asking a new one", daemon.Ready.Pid, call.Method);
            return await (await ReadyDaemonAsync(startCancellation, lost: daemon)).CallAsync(call, parameters, cancellationToken);
        }
    }

    /// <summary>The running (or a new) daemon, once the restore of the session on it (if any) has finished.</summary>
    private async Task<DaemonProcess> ReadyDaemonAsync(CancellationToken cancellationToken, DaemonProcess? lost = null)
    {
        var daemon = await EnsureStartedAsync(cancellationToken, lost);
        await Volatile.Read(ref restoring).WaitAsync(cancellationToken);
        return daemon;
    }

    /// <summary>Ends waiting calls, then shuts the daemon down (if one runs): <c>shutdown</c>, at most its grace, then a kill.</summary>
    public async ValueTask DisposeAsync()
    {
        BeginStopping();
        await startGate.WaitAsync();
        try
        {
            disposed = true;
            if (current is { } daemon)
            {
                current = null;
                await daemon.StopAsync(options.ShutdownGrace);
            }

            await restoring;
        }
        finally
        {
            startGate.Release();
        }
    }

    /// <summary>
    /// The running daemon, or a new one (after the backoff wait when the previous start or daemon failed); a new one
    /// that replaces a dead one starts restoring the dead one's session.
    /// <paramref name="lost"/> is a daemon whose connection broke: replaced even if its process has not been seen exiting yet.
    /// </summary>
    private async Task<DaemonProcess> EnsureStartedAsync(CancellationToken cancellationToken, DaemonProcess? lost = null)
    {
        await startGate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (current is { } suspect)
            {
                // A daemon that owes the answer to a cancelled call may be hung: no new call until that is known.
                await suspect.CancelledCallsSettledAsync(cancellationToken);
            }

            if (current is { IsAlive: true } running && running != lost)
            {
                return running;
            }

            var replacing = current is not null;
            if (current is { } dead)
            {
                current = null;
                failuresInARow++;
                log.Warning("tr-daemon (pid {DaemonPid}) is gone or hung; starting a new one", dead.Ready.Pid);
                await dead.DisposeAsync();
            }

            await Task.Delay(options.RestartDelay(failuresInARow), cancellationToken);
            try
            {
                current = await DaemonProcess.StartAsync(locate(), options, log, cancellationToken);
                if (replacing && session.RestoreRequest is { } restore)
                {
                    // Not on the caller's token: a caller that gives up must not leave the new daemon half restored.
                    Volatile.Write(ref restoring, RestoreSessionAsync(current, restore));
                }

                return current;
            }
            catch (Exception exception) when (exception is DaemonNotFoundException or DaemonStartException)
            {
                failuresInARow++;
                log.Error("{Problem}", exception.Message);
                throw;
            }
        }
        finally
        {
            startGate.Release();
        }
    }

    /// <summary>
    /// On a daemon that replaced a dead one: restores the session the dead one held (<c>login</c> with
    /// <c>restore_only</c>) within its own time limit. Never throws: after a failed restore the daemon stays signed
    /// out, the phone is forgotten, and the page asks for the login again.
    /// </summary>
    private async Task RestoreSessionAsync(DaemonProcess daemon, LoginParams restore)
    {
        using var timeout = new CancellationTokenSource(options.RestoreTimeout);
        try
        {
            var restored = await daemon.CallAsync(DaemonCalls.Login, restore, timeout.Token);
            log.Information("Restored the saved session on tr-daemon (pid {DaemonPid}): {Status}", daemon.Ready.Pid, restored.Status);
        }
        catch (Exception exception) when (exception is RemoteInvocationException or OperationCanceledException or ConnectionLostException or ObjectDisposedException)
        {
            session.Forget();
            log.Warning("The saved session could not be restored after tr-daemon restarted ({Reason}); sign in again", exception switch
            {
                RemoteInvocationException { ErrorCode: (int)ApplicationErrorCode.SessionRestoreFailed } => "it has expired or was removed",
                RemoteInvocationException remote => $"{remote.ErrorCode}: {remote.Message}",
                OperationCanceledException => $"no answer within {options.RestoreTimeout.TotalSeconds:0} s",
                _ => "tr-daemon stopped meanwhile",
            });
        }
    }
}
