using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Prism.Host.Hosting;
using Prism.Protocol;
using Serilog;
using StreamJsonRpc;

namespace Prism.Host.Bridge;

/// <summary>
/// One running tr-daemon: started with piped stdin/stdout/stderr, past its ready line, with a JSON-RPC
/// connection over its stdio. The daemon exits when its stdin closes, so it cannot outlive the host: the
/// pipe's write end dies with the host process, however that ends.
/// </summary>
internal sealed class DaemonProcess : IAsyncDisposable
{
    private const int MaxReadyLineBytes = 64 * 1024;

    private readonly Process process;
    private readonly BridgeJsonRpc rpc;
    private readonly ILogger log;
    private readonly Task stderrForwarding;

    private DaemonProcess(Process process, ReadyParams ready, BridgeJsonRpc rpc, Task stderrForwarding, ILogger log)
    {
        this.process = process;
        this.rpc = rpc;
        this.stderrForwarding = stderrForwarding;
        this.log = log;
        Ready = ready;
    }

    /// <summary>What the daemon announced in its ready line (version, pid, protocol).</summary>
    public ReadyParams Ready { get; }

    /// <summary>False once the process has exited or its JSON-RPC connection dropped.</summary>
    public bool IsAlive => !process.HasExited && !rpc.IsDisposed && !rpc.Completion.IsCompleted;

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
            return new DaemonProcess(process, ready, rpc, stderrForwarding, log);
        }
        catch
        {
            Kill(process);
            process.Dispose();
            throw;
        }
    }

    public Task<TResult> CallAsync<TParams, TResult>(DaemonCall<TParams, TResult> call, TParams parameters, CancellationToken cancellationToken) =>
        rpc.CallAsync(call, parameters, cancellationToken);

    /// <summary>Asks the daemon to shut down, gives it <see cref="BridgeOptions.ShutdownGrace"/> to exit, then kills it.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (IsAlive)
        {
            try
            {
                using var timeout = new CancellationTokenSource(grace);
                await rpc.CallAsync(DaemonCalls.Shutdown, new EmptyParams(), timeout.Token);
                await process.WaitForExitAsync(timeout.Token);
                log.Information("tr-daemon (pid {DaemonPid}) shut down with exit code {ExitCode}", Ready.Pid, process.ExitCode);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ConnectionLostException or RemoteRpcException or ObjectDisposedException or IOException)
            {
                log.Warning("tr-daemon (pid {DaemonPid}) did not shut down in {Grace} s ({Reason}); killing it", Ready.Pid, grace.TotalSeconds, exception.Message);
            }
        }

        await DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        rpc.Dispose();
        Kill(process);
        // The stderr reader ends with the process; its last lines are worth having in the log.
        await stderrForwarding.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        process.Dispose();
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
        // The host's API token is the host's secret alone.
        start.Environment.Remove(HostToken.Variable);
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
