using Prism.Daemon.Hosting;
using Prism.Daemon.Rpc;
using Prism.Daemon.Session;
using Prism.Daemon.Storage;
using Prism.Daemon.Transport;
using Prism.Daemon.Upstream;
using Prism.Protocol;

namespace Prism.Daemon;

internal static class Program
{
    /// <summary>
    /// streams → transport (screen + handler + formatter + cancellations) → JsonRpc → methods → ready line → listen →
    /// completion (stdin EOF, shutdown or a signal, after every reply owed was flushed) → exit 0; stdout closed by
    /// the client → exit 1 at once, and so does a stdout that takes no reply for a while once input has ended. Reading
    /// that fails ends the input like EOF and exits 1 (stdin broke) or 70 (anything else) once the replies owed are
    /// flushed; whatever still escapes is logged and exits 70 — never an unhandled exception, which would abort.
    /// </summary>
    public static async Task<int> Main(string[] args)
    {
        var command = CommandLine.Parse(args);
        if (command != Command.Serve)
        {
            return CommandLine.Run(command, args, Console.Out, Console.Error);
        }

        // Before anything secret is in memory: no core file, no dump.
        var unhardened = CoreDumps.Prevent();
        var options = DaemonOptions.FromEnvironment();
        using var log = DaemonLogging.Create(options);
        if (options.Refusals.Count > 0)
        {
            foreach (var refusal in options.Refusals)
            {
                log.Fatal("{Refusal}", refusal);
            }

            log.Fatal("tr-daemon does not start with these settings; exiting {ExitCode}", ExitCodes.Configuration);
            return ExitCodes.Configuration;
        }

        foreach (var problem in options.Problems.Concat(unhardened))
        {
            log.Warning("{Problem}", problem);
        }

        if (OperatingSystem.IsWindows() && options.RoamingDataDirectory is { } roaming)
        {
            new RoamingFolderMove(roaming, options.DataDirectory, log).Run();
        }

        // A data folder that cannot hold secrets is reported now; get_status still answers, a login says it again.
        var folder = new DataDirectory(options.DataDirectory, log);
        if (folder.Check() is { } unusable)
        {
            log.Warning("{Problem}", unusable);
        }
        else
        {
            folder.DeleteInterruptedWrites();
        }

        var stop = new StopSignal();
        using var signals = ShutdownSignals.Register(stop, log);
        await using var stdin = StandardStreams.OpenInput();
        await using var stdout = StandardStreams.OpenOutput();
        using var writer = new ProtocolWriter(stdout);
        using var http = TradeRepublicHttp.CreateClient();
        using var session = SessionComposition.Create(options, folder, http, log);
        var methods = new DaemonMethods(SidecarVersion.Current, session, stop);
        var cancellations = new RequestCancellations();
        var handler = new StdioMessageHandler(
            new BoundedLineReader(stdin, BoundedLineReader.DefaultMaxLineBytes),
            new RequestScreen(methods.Names),
            writer,
            ProtocolFormatter.Create(),
            cancellations,
            stop,
            log);
        using var rpc = new DaemonJsonRpc(handler, log) { CancellationStrategy = cancellations };
        methods.RegisterOn(rpc);
        try
        {
            await writer.WriteLineAsync(ReadyLine.Writer(SidecarVersion.Current, Environment.ProcessId), CancellationToken.None);
            log.Information("tr-daemon {Version} ready (pid {Pid}), data folder {DataDirectory}", SidecarVersion.Current, Environment.ProcessId, options.DataDirectory);
            rpc.StartListening();
            if (await Task.WhenAny(rpc.Completion, writer.Lost) == writer.Lost)
            {
                log.Error("Lost stdout ({Reason}); the client is gone, exiting", await writer.Lost);
                return ExitCodes.ClientGone;
            }

            await rpc.Completion;
            switch (handler.InputFailure)
            {
                case null:
                    log.Information("Every reply flushed; exiting");
                    return ExitCodes.Done;
                case IOException lost:
                    log.Error("Lost stdin ({Reason}); the replies owed were flushed, exiting", lost.Message);
                    return ExitCodes.ClientGone;
                default:
                    log.Fatal("Stopped because reading input failed (logged above); the replies owed were flushed, exiting {ExitCode}", ExitCodes.InternalError);
                    return ExitCodes.InternalError;
            }
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException)
        {
            log.Error("Lost stdout or stdin ({Reason}); the client is gone, exiting", exception.Message);
            return ExitCodes.ClientGone;
        }
        catch (Exception exception)
        {
            // What the transport could not keep in (the engine drops the connection on an error of its own): replies
            // already computed were flushed as each was written; the rest of the session is lost, but not in an abort.
            log.Fatal(exception, "tr-daemon stopped on an unexpected error; exiting {ExitCode}", ExitCodes.InternalError);
            return ExitCodes.InternalError;
        }
    }
}
