namespace Prism.Daemon.Hosting;

/// <summary>The data folder (where the saved session will live): created owner-only (0700) when missing.</summary>
internal static class DataDirectory
{
    /// <summary>
    /// Makes sure <paramref name="path"/> exists. Returns null on success, otherwise what went wrong and how to fix it.
    /// </summary>
    public static string? Ensure(string path)
    {
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(path);
            }
            else
            {
                // Applies the mode only to folders it creates; an existing folder keeps the mode its owner chose.
                Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return $"Cannot create the data folder {path}: {exception.Message} Set {DaemonOptions.DataDirectoryVariable} to a writable folder.";
        }
    }
}
