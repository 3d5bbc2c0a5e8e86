using Prism.Daemon.Session;

namespace Prism.Daemon.Hosting;

/// <summary>What the command line asks for.</summary>
internal enum Command
{
    Serve,
    PrintVersion,
    PrintHelp,
    UsageError,
}

/// <summary>tr-daemon's command line: no arguments serves JSON-RPC on stdin/stdout; --version and --help print and exit.</summary>
internal static class CommandLine
{
    public const int UsageErrorExitCode = 2;

    public static Command Parse(IReadOnlyList<string> args) => args switch
    {
        [] => Command.Serve,
        ["--version" or "-v"] => Command.PrintVersion,
        ["--help" or "-h" or "-?"] => Command.PrintHelp,
        _ => Command.UsageError,
    };

    /// <summary>Runs a command other than <see cref="Command.Serve"/>; returns the exit code.</summary>
    public static int Run(Command command, IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        switch (command)
        {
            case Command.PrintVersion:
                output.WriteLine($"tr-daemon {SidecarVersion.Current}");
                return 0;
            case Command.PrintHelp:
                output.Write(HelpText);
                return 0;
            default:
                error.WriteLine($"tr-daemon: unexpected arguments '{string.Join(' ', args)}'. Use --version, --help, or no arguments to serve JSON-RPC on stdin/stdout.");
                return UsageErrorExitCode;
        }
    }

    private static string HelpText => $"""
        tr-daemon {SidecarVersion.Current} - the Prism sidecar: JSON-RPC 2.0 over stdin/stdout, one message per line.

        Usage:
          tr-daemon             serve: print the ready line, then answer requests until stdin closes,
                                `shutdown` is called, or SIGTERM/SIGHUP/Ctrl-C arrives; exit 0 after the last reply
          tr-daemon --version   print the version and exit
          tr-daemon --help      print this help and exit

        Environment:
          {DaemonOptions.DataDirectoryVariable,-25} data folder (saved session; must be yours and 0700); default: per-user application data + /prism
          {DaemonOptions.LogLevelVariable,-25} Verbose, Debug, Information (default), Warning, Error or Fatal
          {TradeRepublicSettings.ApiUrlVariable,-25} Trade Republic's REST host; default {TradeRepublicSettings.DefaultApiUrl}
          {TradeRepublicSettings.WebSocketUrlVariable,-25} Trade Republic's websocket host; default {TradeRepublicSettings.DefaultWebSocketUrl}
          {TradeRepublicSettings.LoginApiVariable,-25} v2 (default, web login) or v1 (legacy SMS code)
          {TradeRepublicSettings.AppVersionVariable,-25} web app version sent as X-TR-App-Version; default {TradeRepublicSettings.DefaultAppVersion}
          {TradeRepublicSettings.PlatformVariable,-25} X-Tr-Platform; default {TradeRepublicSettings.DefaultPlatform}
          {TradeRepublicSettings.LocaleVariable,-25} Accept-Language and websocket locale; default {TradeRepublicSettings.DefaultLocale}
          {TradeRepublicSettings.UserAgentVariable,-25} User-Agent; default a desktop Chrome
          {TradeRepublicSettings.TimeoutVariable,-25} seconds to wait for Trade Republic; default {TradeRepublicSettings.DefaultRequestTimeout.TotalSeconds:0}
          {TradeRepublicSettings.PriceTimeoutVariable,-25} seconds a portfolio fetch waits for prices, then leaves the missing out; default {TradeRepublicSettings.DefaultPriceBudget.TotalSeconds:0}
        Logs go to stderr only; stdout carries protocol messages only.

        """;
}
