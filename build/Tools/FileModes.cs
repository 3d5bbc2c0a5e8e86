namespace Prism.Pipeline.Tools;

/// <summary>The Unix modes the build gives the files it writes.</summary>
internal static class FileModes
{
    /// <summary>rwxr-xr-x: a program others may run. Tauri copies mode bits along (fs::copy), so a staged sidecar must
    /// already have it; so must an archived one and a launcher script.</summary>
    public const UnixFileMode Executable =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>Whether the owner may run <paramref name="file"/>; always true on Windows, which has no such bit.</summary>
    public static bool IsExecutable(string file) =>
        OperatingSystem.IsWindows() || (File.GetUnixFileMode(file) & UnixFileMode.UserExecute) != 0;
}
