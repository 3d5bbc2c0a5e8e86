namespace Prism.Daemon.Hosting;

/// <summary>
/// The data folder, where the saved sessions, the device id and the key that names session files live. It must
/// belong to the user and give no access to others: created 0700 when missing; an existing folder that others may
/// enter, or that belongs to someone else, is refused (with the fix in the message) and nothing is written into
/// it. Checked at start (for the log) and again before each use, so a folder fixed meanwhile is taken as it is now.
/// </summary>
internal sealed class DataDirectory(string path)
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const UnixFileMode AnyoneElse =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    public string Path => path;

    /// <summary>Creates the folder when missing. Null when it may hold secrets; otherwise what is wrong, where, and how to fix it.</summary>
    public string? Check()
    {
        UnixFileMode mode;
        try
        {
            if (OperatingSystem.IsWindows())
            {
                // No Unix modes: a folder under the user's profile is private through its ACLs.
                Directory.CreateDirectory(path);
                return null;
            }

            // Applies the mode only to folders it creates (parents included); an existing folder is checked below.
            Directory.CreateDirectory(path, OwnerOnly);
            mode = File.GetUnixFileMode(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The fix in the words of the user's own system: Windows has no mkdir -m.
            var fix = OperatingSystem.IsWindows() ? "every part of its path must be a folder you can write" : $"mkdir -m 700 {path}";
            return $"Cannot use the data folder {path}: {exception.Message} Set {DaemonOptions.DataDirectoryVariable} to a folder you can write, or fix this one ({fix}).";
        }

        if ((mode & AnyoneElse) != 0)
        {
            return $"The data folder {path} is open to other users (mode {Octal(mode)}), so no session is saved there. Run `chmod 700 {path}`, or set {DaemonOptions.DataDirectoryVariable} to a private folder.";
        }

        try
        {
            // Only a folder's owner may change its mode: setting the mode it already has succeeds for the owner (and root) alone.
            File.SetUnixFileMode(path, mode);
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return $"The data folder {path} belongs to another user, so no session is saved there. Set {DaemonOptions.DataDirectoryVariable} to a folder of your own, or make this one yours (`chown` it to you, then `chmod 700 {path}`).";
        }
    }

    /// <summary>Throws <see cref="DataDirectoryUnusable"/> with <see cref="Check"/>'s problem, if there is one.</summary>
    public void EnsureUsable()
    {
        if (Check() is { } problem)
        {
            throw new DataDirectoryUnusable(problem);
        }
    }

    /// <summary>The problem of <paramref name="exception"/> (raised while reading or writing <paramref name="what"/> here), naming this folder and the fix.</summary>
    public DataDirectoryUnusable Failure(string what, Exception exception) =>
        exception as DataDirectoryUnusable
        ?? new DataDirectoryUnusable($"Cannot {what} in the data folder {path}: {exception.Message} Check that the disk is not full and the folder is yours and writable, or set {DaemonOptions.DataDirectoryVariable} to another folder.");

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(3, '0');
}

/// <summary>The data folder cannot be used as it is; the message says which folder, why, and how to fix it (never a secret).</summary>
internal sealed class DataDirectoryUnusable(string message) : Exception(message);
