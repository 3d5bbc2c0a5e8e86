using Prism.Daemon.Storage;
using Prism.Daemon.Upstream;

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
                return ExitCodes.Done;
            case Command.PrintHelp:
                // The text's own line breaks are the source file's LF: give them the platform's (CRLF on Windows), as WriteLine does.
                output.Write(HelpText.ReplaceLineEndings(output.NewLine));
                return ExitCodes.Done;
            default:
                error.WriteLine($"tr-daemon: unexpected arguments '{string.Join(' ', args)}'. Use --version, --help, or no arguments to serve JSON-RPC on stdin/stdout.");
                return ExitCodes.Usage;
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
          {DataDirectory.Variable,-29} data folder (saved session; yours alone: 0700, or an owner-only ACL); default: per-user application data + /prism (Windows: the local %LOCALAPPDATA%\prism)
          {DaemonOptions.LogLevelVariable,-29} Verbose, Debug, Information (default), Warning, Error or Fatal
          {TradeRepublicSettings.ApiUrlVariable,-29} Trade Republic's REST host; default {TradeRepublicSettings.DefaultApiUrl}
          {"",-29} ({TradeRepublicSettings.UrlRule("https", "http")}; anything else: no start)
          {TradeRepublicSettings.WebSocketUrlVariable,-29} Trade Republic's websocket host; default {TradeRepublicSettings.DefaultWebSocketUrl}
          {"",-29} ({TradeRepublicSettings.UrlRule("wss", "ws")}; anything else: no start)
          {TradeRepublicSettings.LoginApiVariable,-29} v2 (default, web login) or v1 (legacy SMS code)
          {TradeRepublicSettings.AppVersionVariable,-29} web app version sent as X-TR-App-Version; default {TradeRepublicSettings.DefaultAppVersion}
          {TradeRepublicSettings.PlatformVariable,-29} X-Tr-Platform; default {TradeRepublicSettings.DefaultPlatform}
          {TradeRepublicSettings.LocaleVariable,-29} Accept-Language and websocket locale; default {TradeRepublicSettings.DefaultLocale}
          {TradeRepublicSettings.UserAgentVariable,-29} User-Agent; default a desktop Chrome
          {TradeRepublicSettings.TimeoutVariable,-29} seconds to wait for Trade Republic; default {TradeRepublicSettings.DefaultRequestTimeout.TotalSeconds:0}
          {TradeRepublicSettings.PriceTimeoutVariable,-29} seconds a portfolio fetch waits for prices, then leaves the missing out; default {TradeRepublicSettings.DefaultPriceBudget.TotalSeconds:0}
          {TradeRepublicSettings.WebSocketProtocolVersionVariable,-29} number sent in the websocket's `connect`; default {TradeRepublicSettings.DefaultWebSocketProtocolVersion}
          {TradeRepublicSettings.PortfolioTopicVariable,-29} type of the portfolio subscription; default {TradeRepublicSettings.DefaultPortfolioTopic}
          {TradeRepublicSettings.SessionRefreshVariable,-29} seconds a session may sit idle before it is refreshed (and saved again); default {TradeRepublicSettings.DefaultSessionRefreshAfter.TotalSeconds:0}
        Logs go to stderr only; stdout carries protocol messages only.

        """;
}
