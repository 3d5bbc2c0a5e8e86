using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Prism.Protocol;
using Serilog;
using StreamJsonRpc;

namespace Prism.Host.Bridge;

/// <summary>
/// One running tr-daemon: started with piped stdin/stdout/stderr, past its ready line, with a JSON-RPC
/// connection over its stdio. The daemon exits when its stdin closes, so it cannot outlive the host: the
/// pipe's write end dies with the host process, however that ends. Its limits hold whatever the daemon does: a
/// call ends at its caller's cancellation even while StreamJsonRpc still waits for the daemon's answer to
/// <c>$/cancelRequest</c>; a daemon that owes such an answer past <see cref="BridgeOptions.CancelAnswerLimit"/> is
/// hung and is killed; a stop kills it (and every process it started) once its grace has passed.
/// </summary>
internal sealed class DaemonProcess : IAsyncDisposable
{
    private const int MaxReadyLineBytes = 64 * 1024;

    private readonly Process process;
    private readonly BridgeJsonRpc rpc;
    private readonly ILogger log;
    private readonly Task stderrForwarding;
    private readonly TimeSpan cancelAnswerLimit;

    /// <summary>One watch per call that was cancelled before the daemon answered it; each ends within the cancel answer limit.</summary>
    private readonly List<Task> unansweredCancellations = [];

    private volatile bool hung;

    private DaemonProcess(Process process, ReadyParams ready, BridgeJsonRpc rpc, Task stderrForwarding, TimeSpan cancelAnswerLimit, ILogger log)
    {
        this.process = process;
        this.rpc = rpc;
        this.stderrForwarding = stderrForwarding;
        this.cancelAnswerLimit = cancelAnswerLimit;
        this.log = log;
        Ready = ready;
    }

    /// <summary>What the daemon announced in its ready line (version, pid, protocol).</summary>
    public ReadyParams Ready { get; }

    /// <summary>False once the process has exited, its JSON-RPC connection dropped, or it was found hung.</summary>
    public bool IsAlive => !hung && !process.HasExited && !rpc.IsDisposed && !rpc.Completion.IsCompleted;

    /// <summary>Starts the daemon and waits for its ready line; throws <see cref="DaemonStartException"/> with its stderr tail when it does not come up.</summary>
    public static async Task<DaemonProcess> StartAsync(DaemonLaunchSpec spec, BridgeOptions options, ILogger log, CancellationToken cancellationToken)
    {
        var stderr = new DaemonStderr(log.ForContext("SourceContext", DaemonLocator.SidecarName));
        var process = Launch(spec, options);
        var stderrForwarding = Task.Run(() => stderr.ForwardAsync(process.StandardError), CancellationToken.None);
        try
        {
            var stdout = process.StandardOutput.BaseStream;
            var ready = await ReadReadyLineAsync(spec, process, stdout, stderr, options.ReadyTimeout, cancellationToken);
            var rpc = BridgeJsonRpc.Over(process.StandardInput.BaseStream, stdout);
            rpc.StartListening();
            log.Information("tr-daemon {Version} is ready (pid {DaemonPid}, protocol {Protocol}), started from {Spec}", ready.Version, ready.Pid, ready.Protocol, spec);
            return new DaemonProcess(process, ready, rpc, stderrForwarding, options.CancelAnswerLimit, log);
        }
        catch
        {
            Kill(process);
            process.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The daemon's answer to <paramref name="call"/>, or <see cref="OperationCanceledException"/> as soon as
    /// <paramref name="cancellationToken"/> is cancelled — not when the daemon answers the <c>$/cancelRequest</c>
    /// StreamJsonRpc then sends, which a hung daemon never does. That answer is still awaited, within the cancel
    /// answer limit, by a watch that kills the daemon when it does not come.
    /// </summary>
    public async Task<TResult> CallAsync<TParams, TResult>(DaemonCall<TParams, TResult> call, TParams parameters, CancellationToken cancellationToken)
    {
        var answer = rpc.CallAsync(call, parameters, cancellationToken);
        try
        {
            return await answer.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (!answer.IsCompleted)
        {
            lock (unansweredCancellations)
            {
                unansweredCancellations.RemoveAll(watch => watch.IsCompleted);
                unansweredCancellations.Add(KillUnlessAnsweredAsync(call.Method, answer));
            }

            throw;
        }
    }

    /// <summary>
    /// Completes once every call cancelled so far has been answered, or the daemon has been found hung and killed:
    /// within the cancel answer limit. Until then nobody can tell whether this daemon still serves.
    /// </summary>
    public Task CancelledCallsSettledAsync(CancellationToken cancellationToken)
    {
        lock (unansweredCancellations)
        {
            return Task.WhenAll(unansweredCancellations).WaitAsync(cancellationToken);
        }
    }

    /// <summary>Asks the daemon to shut down, gives it <paramref name="grace"/> to answer and exit, then kills it and every process it started.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (IsAlive)
        {
            using var timeout = new CancellationTokenSource(grace);
            try
            {
                // WaitAsync: the grace holds even when the daemon never answers the $/cancelRequest the timeout sends.
                await rpc.CallAsync(DaemonCalls.Shutdown, new EmptyParams(), timeout.Token).WaitAsync(timeout.Token);
                await process.WaitForExitAsync(timeout.Token);
                log.Information("tr-daemon (pid {DaemonPid}) shut down with exit code {ExitCode}", Ready.Pid, process.ExitCode);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ConnectionLostException or RemoteRpcException or ObjectDisposedException or IOException)
            {
                log.Warning("tr-daemon (pid {DaemonPid}) did not shut down within {Grace} s ({Reason}); killing it and every process it started", Ready.Pid, grace.TotalSeconds, exception.Message);
            }
        }

        await DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        // The kill first: it also ends a write to stdin that a daemon which stopped reading has blocked.
        Kill(process);
        rpc.Dispose();
        // The stderr reader ends with the process; its last lines are worth having in the log.
        await stderrForwarding.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        process.Dispose();
    }

    /// <summary>The watch of one cancelled call: the daemon answers it (any answer) within the limit, or it is hung and is killed.</summary>
    private async Task KillUnlessAnsweredAsync(string method, Task answer)
    {
        await answer.WaitAsync(cancelAnswerLimit).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (answer.IsCompleted)
        {
            // Observed: a late answer (the cancellation, a result, a lost connection) has no one else to read it.
            _ = answer.Exception;
            return;
        }

        hung = true;
        log.Warning("tr-daemon (pid {DaemonPid}) left '{Method}' unanswered {Limit} s after it was cancelled: it is hung, so it is killed with every process it started; the next call starts a new one",
            Ready.Pid, method, cancelAnswerLimit.TotalSeconds);
        Kill(process);
    }

    private static Process Launch(DaemonLaunchSpec spec, BridgeOptions options)
    {
        var start = new ProcessStartInfo(spec.FileName, spec.Arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            StandardErrorEncoding = Encoding.UTF8,
        };
        // The host's secrets (its API token) are the host's alone.
        foreach (var withheld in options.WithheldVariables)
        {
            start.Environment.Remove(withheld);
        }

        if (options.DataDirectory is { } dataDirectory)
        {
            start.Environment[BridgeOptions.DataDirectoryVariable] = dataDirectory;
        }

        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException("the operating system started no process.");
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            throw DaemonStartException.CannotLaunch(spec, exception);
        }
    }

    /// <summary>
    /// Reads the first stdout line byte by byte: the daemon sends nothing else before the first request, so no
    /// byte meant for the JSON-RPC reader that takes the stream over afterwards is consumed here.
    /// </summary>
    private static async Task<ReadyParams> ReadReadyLineAsync(DaemonLaunchSpec spec, Process process, Stream stdout, DaemonStderr stderr, TimeSpan timeout, CancellationToken cancellationToken)
    {
        byte[]? line;
        try
        {
            line = await ReadLineAsync(stdout).WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            Kill(process);
            await Task.Delay(TimeSpan.FromMilliseconds(100), CancellationToken.None);
            throw DaemonStartException.NotReadyInTime(spec, timeout, stderr.Tail());
        }

        if (line is null)
        {
            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            // Let the stderr reader catch the daemon's last words before quoting them.
            await Task.Delay(TimeSpan.FromMilliseconds(100), CancellationToken.None);
            throw DaemonStartException.ExitedBeforeReady(spec, process.HasExited ? process.ExitCode : -1, stderr.Tail());
        }

        return ParseReady(spec, line);
    }

    private static async Task<byte[]?> ReadLineAsync(Stream stdout)
    {
        var line = new List<byte>(256);
        var buffer = new byte[1];
        while (await stdout.ReadAsync(buffer) == 1)
        {
            if (buffer[0] == (byte)'\n')
            {
                return [.. line];
            }

            if (line.Count == MaxReadyLineBytes)
            {
                return [.. line];
            }

            line.Add(buffer[0]);
        }

        return null;
    }

    private static ReadyParams ParseReady(DaemonLaunchSpec spec, byte[] line)
    {
        ReadyNotification? ready;
        try
        {
            ready = JsonSerializer.Deserialize(line, ProtocolJsonContext.Default.ReadyNotification);
        }
        catch (JsonException)
        {
            ready = null;
        }

        if (ready is not { Method: MethodNames.Ready, Params: { } parameters })
        {
            throw DaemonStartException.BadReadyLine(spec, $"its first stdout line was not a '{MethodNames.Ready}' notification.");
        }

        return parameters.Protocol == ProtocolVersion.Current
            ? parameters
            : throw DaemonStartException.BadReadyLine(spec, $"it speaks protocol {parameters.Protocol}, this prism speaks {ProtocolVersion.Current}.");
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception exception) when (exception is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone between the check and the kill.
        }
    }
}
