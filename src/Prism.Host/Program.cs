using System.Net;
using Prism.Host.Api;
using Prism.Host.Bridge;
using Prism.Host.Hosting;
using Serilog;

namespace Prism.Host;

internal static class Program
{
    /// <summary>
    /// arguments → logging → token → web app (127.0.0.1, guards, API, page) → start → ready line on stdout →
    /// run until stdin EOF or SIGTERM/Ctrl-C → stop (tr-daemon shut down with the services) → exit 0.
    /// </summary>
    public static async Task<int> Main(string[] args)
    {
        var command = HostCommandLine.Parse(args);
        switch (command)
        {
            case HostCommand.PrintVersion:
                Console.Out.WriteLine($"prism {SidecarVersion.Current}");
                return 0;
            case HostCommand.PrintHelp:
                // The text's own line breaks are the source file's LF: give them the platform's (CRLF on Windows), as WriteLine does.
                Console.Out.Write(HostCommandLine.HelpText.ReplaceLineEndings(Console.Out.NewLine));
                return 0;
            case HostCommand.UsageError usage:
                await Console.Error.WriteLineAsync($"prism: {usage.Problem} See prism --help.");
                return HostCommandLine.UsageErrorExitCode;
        }

        var options = ((HostCommand.Serve)command).Options;
        using var log = HostLogging.Create();
        var (token, tokenProblem) = HostToken.FromEnvironment();
        if (token is null)
        {
            log.Fatal("{Problem}", tokenProblem);
            return HostCommandLine.UsageErrorExitCode;
        }

        await using var app = BuildApp(options, token, log);
        try
        {
            await app.StartAsync();
        }
        catch (IOException exception)
        {
            log.Fatal("Cannot listen on 127.0.0.1:{Port}: {Reason} Choose another --port, or 0 for any free port.", options.Port, exception.Message);
            return 1;
        }

        var port = app.Services.GetRequiredService<ListeningPort>().Current
            ?? throw new InvalidOperationException("Kestrel started without reporting the address it listens on.");
        await using (var stdout = Console.OpenStandardOutput())
        {
            await ReadyLine.For(port, token).WriteToAsync(stdout, CancellationToken.None);
        }

        log.Information("prism {Version} listening on http://127.0.0.1:{Port}/ (pid {Pid})", SidecarVersion.Current, port, Environment.ProcessId);
        StdinEofWatcher.Start(app.Lifetime, log);
        await app.WaitForShutdownAsync();
        // The server has stopped taking requests: now tr-daemon gets `shutdown`, a short wait, then a kill.
        await app.Services.GetRequiredService<DaemonBridge>().DisposeAsync();
        log.Information("Stopped");
        return 0;
    }

    private static WebApplication BuildApp(LaunchOptions options, string token, Serilog.Core.Logger log)
    {
        // The empty builder: no configuration sources (no appsettings.json with its file watcher, no ASPNETCORE_*
        // or DOTNET_* variables) — only Kestrel and routing, which is all a loopback sidecar needs; it starts faster
        // and is smaller than the slim builder. No args: the command line is the host's own.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        FrameworkLogging.SendTo(builder.Logging, log);
        builder.Services.AddRoutingCore();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Port);
        });
        builder.Services.AddSingleton<ILogger>(log);
        builder.Services.AddSingleton<ListeningPort>();
        builder.Services.AddSingleton(new DaemonBridge(() => DaemonLocator.Locate(LocatorFacts.OfThisProcess()), BridgeOptions.For(options.DataDirectory) with { WithheldVariables = [HostToken.Variable] }, log));

        var app = builder.Build();
        // Before Kestrel waits for the requests in flight: those waiting on tr-daemon end now instead of holding up the stop.
        app.Lifetime.ApplicationStopping.Register(app.Services.GetRequiredService<DaemonBridge>().BeginStopping);
        app.Use(NoStoreHeaders.Middleware(log));
        app.Use(HostHeaderGuard.Middleware(app.Services.GetRequiredService<ListeningPort>()));
        app.Use(new BearerTokenGuard(token).Middleware());
        app.MapGet(ApiRoutes.Health, (RequestDelegate)(context =>
            context.Response.WriteAsJsonAsync(HealthReply.Ok, ApiJsonContext.Default.HealthReply, cancellationToken: context.RequestAborted)));
        DaemonEndpoints.Map(app, app.Services.GetRequiredService<DaemonBridge>());
        EmbeddedPage.Map(app);
        return app;
    }
}
