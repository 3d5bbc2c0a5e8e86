using Serilog;

namespace Prism.Host.Hosting;

/// <summary>
/// Stops the host when its stdin reaches end of file: the launcher (Tauri, a test) closed it or died.
/// That is how a sidecar learns its parent is gone, so the host (and then tr-daemon) never outlive it.
/// Started once the host is up, so that an early EOF becomes an orderly stop rather than an aborted start.
/// </summary>
internal static class StdinEofWatcher
{
    public static void Start(IHostApplicationLifetime lifetime, ILogger log)
    {
        // A blocking read on its own thread: stdin of a console process has no truly asynchronous read on
        // every OS, and a pool thread parked for the whole process lifetime would only shrink the pool.
        var thread = new Thread(() => WaitForEndOfInput(lifetime, log.ForContext("SourceContext", "stdin"))) { IsBackground = true, Name = "stdin EOF watcher" };
        thread.Start();
    }

    private static void WaitForEndOfInput(IHostApplicationLifetime lifetime, ILogger log)
    {
        try
        {
            using var stdin = Console.OpenStandardInput();
            var buffer = new byte[256];
            while (stdin.Read(buffer, 0, buffer.Length) > 0)
            {
                // Input carries no commands; it is read only to notice when it ends.
            }

            log.Information("stdin closed; shutting down");
        }
        catch (IOException exception)
        {
            log.Information("stdin is gone ({Reason}); shutting down", exception.Message);
        }

        lifetime.StopApplication();
    }
}
