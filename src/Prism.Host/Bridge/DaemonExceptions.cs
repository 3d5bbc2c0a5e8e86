namespace Prism.Host.Bridge;

/// <summary>tr-daemon was found but did not come up: it failed to launch, exited, or stayed silent before its ready line.</summary>
internal sealed class DaemonStartException : Exception
{
    public DaemonStartException()
    {
    }

    public DaemonStartException(string message)
        : base(message)
    {
    }

    public DaemonStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public static DaemonStartException CannotLaunch(DaemonLaunchSpec spec, Exception reason) => new(
        $"Cannot launch tr-daemon {spec}: {reason.Message} Check that the file is a tr-daemon built for this machine and is executable.", reason);

    public static DaemonStartException ExitedBeforeReady(DaemonLaunchSpec spec, int exitCode, string stderrTail) => new(
        $"tr-daemon {spec} exited with code {exitCode} before its ready line. Its last stderr lines:{Environment.NewLine}{stderrTail}");

    public static DaemonStartException NotReadyInTime(DaemonLaunchSpec spec, TimeSpan timeout, string stderrTail) => new(
        $"tr-daemon {spec} printed no ready line within {timeout.TotalSeconds:0.#} s and was stopped. Its last stderr lines:{Environment.NewLine}{stderrTail}");

    public static DaemonStartException BadReadyLine(DaemonLaunchSpec spec, string problem) => new(
        $"tr-daemon {spec} did not start with the contract's ready line: {problem} Is it a tr-daemon of protocol {Prism.Protocol.ProtocolVersion.Current}?");
}

/// <summary>A call could not be answered because the daemon went away while (or before) answering it, or the host is stopping.</summary>
internal sealed class DaemonConnectionLostException : Exception
{
    public DaemonConnectionLostException()
    {
    }

    public DaemonConnectionLostException(string message)
        : base(message)
    {
    }

    public DaemonConnectionLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public static DaemonConnectionLostException During(string method, Exception reason) => new(
        $"tr-daemon exited while answering '{method}'; it is restarted on the next request.", reason);

    public static DaemonConnectionLostException HostStopping(string method) => new(
        $"prism is shutting down, so '{method}' was not answered; start the app again.");
}

/// <summary>The daemon did not answer a call within the call's own time limit; the call was cancelled.</summary>
internal sealed class DaemonTimeoutException : Exception
{
    public DaemonTimeoutException()
    {
    }

    public DaemonTimeoutException(string message)
        : base(message)
    {
    }

    public DaemonTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public static DaemonTimeoutException For(string method, TimeSpan timeout) => new(
        $"tr-daemon did not answer '{method}' within {timeout.TotalSeconds:0.#} s; the request was cancelled. Try again.");
}
