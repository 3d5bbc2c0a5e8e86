using Prism.Protocol;
using Serilog;
using StreamJsonRpc;

namespace Prism.Host.Bridge;

/// <summary>
/// Supervises tr-daemon for the host: finds and starts it on first use, runs each call with its own time limit
/// (cancellation reaches the daemon as <c>$/cancelRequest</c>), starts a fresh daemon on the next call after one
/// died (waiting longer after each failure in a row) and restores on it the session the dead one held, and shuts it
/// down (then kills it) when the host stops.
/// </summary>
internal sealed class DaemonBridge : IAsyncDisposable
{
    private readonly Func<DaemonLaunchSpec> locate;
    private readonly BridgeOptions options;
    private readonly ILogger log;
    private readonly SemaphoreSlim startGate = new(1, 1);
    private readonly SessionRecall session = new();

    private DaemonProcess? current;
    private int failuresInARow;
    private bool restoreOwed;
    private bool disposed;

    public DaemonBridge(Func<DaemonLaunchSpec> locate, BridgeOptions options, ILogger log)
    {
        this.locate = locate;
        this.options = options;
        this.log = log.ForContext<DaemonBridge>();
    }

    /// <summary>
    /// Calls <paramref name="call"/> on the daemon. Throws <see cref="DaemonNotFoundException"/> or
    /// <see cref="DaemonStartException"/> when there is no daemon to ask, <see cref="DaemonTimeoutException"/> after
    /// the call's time limit, <see cref="DaemonConnectionLostException"/> when the daemon died meanwhile, and
    /// StreamJsonRpc's <see cref="RemoteInvocationException"/> for the daemon's own error replies.
    /// </summary>
    public async Task<TResult> CallAsync<TParams, TResult>(DaemonCall<TParams, TResult> call, TParams parameters, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(call.Timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var result = await CallOnceAsync(call, parameters, linked.Token);
            Interlocked.Exchange(ref failuresInARow, 0);
            session.Observe(parameters, result);
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

    /// <summary>The call on the running (or a new) daemon; a harmless call that met a daemon that just died is asked once more of a new one.</summary>
    private async Task<TResult> CallOnceAsync<TParams, TResult>(DaemonCall<TParams, TResult> call, TParams parameters, CancellationToken cancellationToken)
    {
        var daemon = await EnsureStartedAsync(cancellationToken);
        try
        {
            return await daemon.CallAsync(call, parameters, cancellationToken);
        }
        catch (ConnectionLostException) when (call.SafeToRepeat)
        {
            log.Warning("tr-daemon (pid {DaemonPid}) died during '{Method}'; asking a new one", daemon.Ready.Pid, call.Method);
            return await (await EnsureStartedAsync(cancellationToken, lost: daemon)).CallAsync(call, parameters, cancellationToken);
        }
    }

    /// <summary>Shuts the daemon down (if one runs): <c>shutdown</c>, a short wait, then kill.</summary>
    public async ValueTask DisposeAsync()
    {
        await startGate.WaitAsync();
        try
        {
            disposed = true;
            if (current is { } daemon)
            {
                current = null;
                await daemon.StopAsync(options.ShutdownGrace);
            }
        }
        finally
        {
            startGate.Release();
        }
    }

    /// <summary>
    /// The running daemon, or a new one (after the backoff wait when the previous start or daemon failed).
    /// <paramref name="lost"/> is a daemon whose connection broke: replaced even if its process has not been seen exiting yet.
    /// </summary>
    private async Task<DaemonProcess> EnsureStartedAsync(CancellationToken cancellationToken, DaemonProcess? lost = null)
    {
        await startGate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (current is { IsAlive: true } running && running != lost)
            {
                return running;
            }

            if (current is { } dead)
            {
                current = null;
                failuresInARow++;
                restoreOwed = true;
                log.Warning("tr-daemon (pid {DaemonPid}) is gone; starting a new one", dead.Ready.Pid);
                await dead.DisposeAsync();
            }

            await Task.Delay(options.RestartDelay(failuresInARow), cancellationToken);
            try
            {
                current = await DaemonProcess.StartAsync(locate(), options, log, cancellationToken);
                await RestoreSessionIfOwedAsync(current, cancellationToken);
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
    /// On a daemon that replaced a crashed one: restores the session the crashed one held (<c>login</c> with
    /// <c>restore_only</c>), so the caller's call finds it signed in. A failed restore never fails that call: the
    /// daemon stays signed out and the page asks for the login again.
    /// </summary>
    private async Task RestoreSessionIfOwedAsync(DaemonProcess daemon, CancellationToken cancellationToken)
    {
        if (!restoreOwed)
        {
            return;
        }

        if (session.RestoreRequest is not { } restore)
        {
            // The daemon restarts with one try owed per crash: a later crash owes again, a signed-out session never.
            restoreOwed = false;
            return;
        }

        using var timeout = new CancellationTokenSource(DaemonCalls.Login.Timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var restored = await daemon.CallAsync(DaemonCalls.Login, restore, linked.Token);
            restoreOwed = false;
            log.Information("Restored the saved session on tr-daemon (pid {DaemonPid}): {Status}", daemon.Ready.Pid, restored.Status);
        }
        catch (RemoteInvocationException exception) when (exception.ErrorCode == (int)ApplicationErrorCode.SessionRestoreFailed)
        {
            restoreOwed = false;
            session.Forget();
            log.Warning("The saved session could not be restored after tr-daemon restarted (it has expired or was removed); sign in again");
        }
        catch (RemoteInvocationException exception)
        {
            // Kept for the next crash: Trade Republic may be briefly unreachable, and the saved session may still be good.
            restoreOwed = false;
            log.Warning("Restoring the saved session after tr-daemon restarted failed with {Code}: {Reason}; sign in again to continue", exception.ErrorCode, exception.Message);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            restoreOwed = false;
            log.Warning("Restoring the saved session after tr-daemon restarted took longer than {Timeout} s; sign in again to continue", DaemonCalls.Login.Timeout.TotalSeconds);
        }
    }
}
