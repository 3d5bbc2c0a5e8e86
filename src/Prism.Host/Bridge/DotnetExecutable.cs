namespace Prism.Host.Bridge;

/// <summary>
/// The <c>dotnet</c> that runs a <c>tr-daemon.dll</c>, always by an absolute path: .NET's <c>Process.Start</c> looks a
/// bare <c>dotnet</c> up in the host's own folder and then in the working directory before <c>PATH</c>, so a file named
/// <c>dotnet</c> in whatever folder prism was started from would receive the phone, the PIN and the codes. In order:
/// the muxer running this host (<c>dotnet prism.dll</c>), <c>DOTNET_HOST_PATH</c> (the SDK sets it for what it runs),
/// <c>dotnet</c> in <c>DOTNET_ROOT</c>, then the absolute folders of <c>PATH</c> (an empty or relative entry means the
/// working directory, and is skipped).
/// </summary>
internal static class DotnetExecutable
{
    public const string HostPathVariable = "DOTNET_HOST_PATH";
    public const string RootVariable = "DOTNET_ROOT";

    /// <summary>Where each source was looked in, for the message when none holds a dotnet.</summary>
    public const string Sources = "the process running prism, DOTNET_HOST_PATH, DOTNET_ROOT and the absolute folders of PATH";

    /// <summary>The dotnet to run, or null when none of the sources names one that exists.</summary>
    /// <param name="processPath">This process's executable (<see cref="Environment.ProcessPath"/>).</param>
    /// <param name="variable">Reads an environment variable (this process's, or a test's).</param>
    public static string? Find(string? processPath, Func<string, string?> variable)
    {
        var fileName = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        if (processPath is not null && Path.GetFileNameWithoutExtension(processPath) == "dotnet" && IsProgram(processPath))
        {
            return processPath;
        }

        if (variable(HostPathVariable) is { Length: > 0 } hostPath && IsProgram(hostPath))
        {
            return hostPath;
        }

        string?[] folders = [variable(RootVariable), .. (variable("PATH") ?? string.Empty).Split(Path.PathSeparator)];
        return folders
            .OfType<string>()
            .Where(Path.IsPathFullyQualified)
            .Select(folder => Path.Combine(folder, fileName))
            .FirstOrDefault(IsProgram);
    }

    /// <summary>An absolute path to an existing file that (on Unix) someone may execute.</summary>
    private static bool IsProgram(string path)
    {
        const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return Path.IsPathFullyQualified(path)
            && File.Exists(path)
            && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & AnyExecute) != 0);
    }
}
