using System.Globalization;

namespace Prism.Host.Hosting;

/// <summary>What the host was started to do: serve with <see cref="LaunchOptions"/>, print something, or refuse its arguments.</summary>
internal abstract record HostCommand
{
    public sealed record Serve(LaunchOptions Options) : HostCommand;

    public sealed record PrintVersion : HostCommand;

    public sealed record PrintHelp : HostCommand;

    /// <summary>Arguments the host does not understand; <see cref="Problem"/> says which and how to fix them.</summary>
    public sealed record UsageError(string Problem) : HostCommand;
}

/// <summary>The launch settings of host-api.md: the loopback port (0 = any free one) and the data folder handed to tr-daemon.</summary>
internal sealed record LaunchOptions(int Port, string? DataDirectory)
{
    public static LaunchOptions Default { get; } = new(0, null);
}

/// <summary><c>prism [--port N] [--data-dir DIR]</c>, <c>--version</c>, <c>--help</c>.</summary>
internal static class HostCommandLine
{
    public const int UsageErrorExitCode = 2;

    public static HostCommand Parse(IReadOnlyList<string> args)
    {
        switch (args)
        {
            case ["--version" or "-v"]:
                return new HostCommand.PrintVersion();
            case ["--help" or "-h" or "-?"]:
                return new HostCommand.PrintHelp();
        }

        var options = LaunchOptions.Default;
        for (var index = 0; index < args.Count; index += 2)
        {
            var name = args[index];
            if (name is not ("--port" or "--data-dir"))
            {
                return new HostCommand.UsageError($"unknown argument '{name}'. Valid: --port N, --data-dir DIR, --version, --help.");
            }

            if (index + 1 >= args.Count)
            {
                return new HostCommand.UsageError($"{name} needs a value, e.g. {(name == "--port" ? "--port 0" : "--data-dir /path/to/folder")}.");
            }

            var value = args[index + 1];
            if (name == "--port")
            {
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
                {
                    return new HostCommand.UsageError($"--port '{value}' is not a port number; use 0 (any free port) to 65535.");
                }

                options = options with { Port = port };
            }
            else
            {
                if (value.Length == 0)
                {
                    return new HostCommand.UsageError("--data-dir needs a folder path, not an empty string.");
                }

                options = options with { DataDirectory = Path.GetFullPath(value) };
            }
        }

        return new HostCommand.Serve(options);
    }

    public static string HelpText => $"""
        prism {SidecarVersion.Current} - the Prism host: a local web page and JSON API driving tr-daemon.

        Usage:
          prism [--port N] [--data-dir DIR]
                           serve on http://127.0.0.1:N/ (N = 0, the default, picks a free port); the first
                           stdout line is the ready JSON with the URL and the API token; logs go to stderr;
                           stops (and stops tr-daemon) when stdin closes or on SIGTERM/Ctrl-C
          prism --version  print the version and exit
          prism --help     print this help and exit

        Options:
          --port N         TCP port on 127.0.0.1, 0-65535
          --data-dir DIR   tr-daemon's data folder (saved session); default: tr-daemon's own default

        Environment:
          PRISM_HOST_TOKEN   the API token to require: at least 32 letters, digits, '-' or '_' (default: a fresh
                             random one); printed in the ready line
          PRISM_DAEMON_PATH  the tr-daemon executable (or tr-daemon.dll) to run, instead of searching for it;
                             refused when other users may change it or its folder
          PRISM_LOG_LEVEL    Verbose, Debug, Information (default), Warning, Error or Fatal

        """;
}
