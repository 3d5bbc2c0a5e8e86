using System.Runtime.Versioning;
using Serilog;

namespace Prism.Daemon.Storage;

/// <summary>
/// The data folder, where the saved sessions, the device id and the key that names session files live. As OpenSSH
/// treats <c>~/.ssh</c>: created private when missing (0700; on Windows an owner-only protected DACL); an existing
/// folder of the user's that others may only read is made private, with one log line; one that others may write, or
/// that belongs to someone else, is refused (with the fix in the message) and nothing is written into it. Checked at
/// start and again before each use, so a folder fixed meanwhile is taken as it is now.
/// </summary>
internal sealed class DataDirectory(string path, ILogger log)
{
    /// <summary>The environment variable that names the folder (the contract's configuration section).</summary>
    public const string Variable = "PRISM_DATA_DIR";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OthersWrite = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
    private const UnixFileMode AnyoneElse = UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute | OthersWrite;

    private readonly Lock gate = new();

    public string Path => path;

    /// <summary>Creates the folder when missing, makes it private when others may only read it. Null when it may hold secrets; otherwise what is wrong, where, and how to fix it.</summary>
    public string? Check()
    {
        lock (gate)
        {
            try
            {
                return OperatingSystem.IsWindows() ? CheckWindowsFolder() : CheckUnixFolder();
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // The fix in the words of the user's own system: Windows has no mkdir -m.
                var fix = OperatingSystem.IsWindows() ? "every part of its path must be a folder you can write" : $"mkdir -m 700 {path}";
                return $"Cannot use the data folder {path}: {exception.Message} Set {DataDirectory.Variable} to a folder you can write, or fix this one ({fix}).";
            }
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

    /// <summary>
    /// At start, in a usable folder: deletes the temporary files of saves that never finished (the daemon was killed
    /// between writing and renaming), since they may hold cookies. A folder refused as it is stays untouched.
    /// </summary>
    public void DeleteInterruptedWrites()
    {
        try
        {
            if (PrivateFile.DeleteInterruptedWrites(path) is > 0 and var deleted)
            {
                log.Information("Deleted {Count} temporary file(s) that an interrupted save left in the data folder {Folder}", deleted, path);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            log.Warning("{Problem}", Failure("delete the temporary files an interrupted save left (they may hold a session; delete *.tmp there by hand)", exception).Message);
        }
    }

    /// <summary>The problem of <paramref name="exception"/> (raised while reading or writing <paramref name="what"/> here), naming this folder and the fix.</summary>
    public DataDirectoryUnusable Failure(string what, Exception exception) =>
        exception as DataDirectoryUnusable
        ?? new DataDirectoryUnusable($"Cannot {what} in the data folder {path}: {exception.Message} Check that the disk is not full and the folder is yours and writable, or set {DataDirectory.Variable} to another folder.");

    /// <summary>
    /// A file of this folder that this user may not read (e.g. written once by another user, under sudo): it is never
    /// replaced behind the user's back, since <paramref name="lossIfDeleted"/> says what deleting it costs.
    /// </summary>
    public DataDirectoryUnusable Unreadable(string fileName, Exception exception, string lossIfDeleted)
    {
        var file = System.IO.Path.Combine(path, fileName);
        var fix = OperatingSystem.IsWindows()
            ? $"give your user access to it (its Properties, Security), or delete it as the user who wrote it or an administrator ({lossIfDeleted})"
            : $"make it yours (`sudo chown {Environment.UserName} {file}`), or delete it (`sudo rm {file}`; {lossIfDeleted})";
        return new DataDirectoryUnusable($"Cannot read {fileName} in the data folder {path}: {exception.Message} Another user (e.g. a run under sudo) probably wrote it. To fix this, {fix}.");
    }

    [UnsupportedOSPlatform("windows")]
    private string? CheckUnixFolder()
    {
        // Applies the mode only to folders it creates (parents included); an existing folder is checked below.
        Directory.CreateDirectory(path, OwnerOnly);
        // The owner itself, not whether a chmod succeeds: root's chmod succeeds on any folder.
        var (owner, me) = (UnixOwner.OfFolder(path), UnixOwner.Me);
        if (owner != me)
        {
            return $"The data folder {path} belongs to another user (uid {owner}; Prism runs as uid {me}), so nothing is kept there. Run Prism as that user, set {DataDirectory.Variable} to a folder of your own, or make this one yours (`sudo chown {Environment.UserName} {path}`, then `chmod 700 {path}`).";
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & OthersWrite) != 0)
        {
            return $"The data folder {path} may be written by other users (mode {Octal(mode)}), so nothing is kept there: anyone could have put or replaced files in it. Check what it holds, then run `chmod 700 {path}`, or set {DataDirectory.Variable} to a private folder.";
        }

        if ((mode & AnyoneElse) != 0)
        {
            File.SetUnixFileMode(path, OwnerOnly);
            log.Information("Made the data folder {Folder} private (mode {Mode} → 700): others could read what it holds", path, Octal(mode));
        }

        return null;
    }

    [SupportedOSPlatform("windows")]
    private string? CheckWindowsFolder()
    {
        if (!Directory.Exists(path))
        {
            OwnerOnlyAcl.CreateFolder(path);
            return null;
        }

        var access = OwnerOnlyAcl.Read(path);
        if (access.ForeignOwner is { } owner)
        {
            return $"The data folder {path} belongs to {owner}, not to you, so nothing is kept there. Set {DataDirectory.Variable} to a folder of your own, or make this one yours (its Properties, Security, Advanced: Owner).";
        }

        if (access.OthersWhoMayWrite.Count > 0)
        {
            return $"The data folder {path} may be written by {string.Join(", ", access.OthersWhoMayWrite)}, so nothing is kept there: they could have put or replaced files in it. Check what it holds, then leave only yourself and SYSTEM in its access list (its Properties, Security, Advanced: disable inheritance, remove the others), or move it away so that Prism creates a private one, or set {DataDirectory.Variable} to another folder.";
        }

        if (access.OthersWhoMayRead.Count > 0)
        {
            OwnerOnlyAcl.MakePrivate(path);
            log.Information("Made the data folder {Folder} private (only you and SYSTEM): {Others} could read what it holds", path, string.Join(", ", access.OthersWhoMayRead));
        }

        return null;
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(3, '0');
}

/// <summary>The data folder cannot be used as it is; the message says which folder, why, and how to fix it (never a secret).</summary>
internal sealed class DataDirectoryUnusable(string message) : Exception(message);
