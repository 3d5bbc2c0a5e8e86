using Prism.Pipeline.Engine;

namespace Prism.Pipeline.Tools;

/// <summary>
/// Writes a new secret file (a signing key): 0600 from its first byte, in a folder only its owner may enter (made 0700
/// when missing, refused when others may enter it), all at once (a temporary file linked to its name, which fails if
/// the name exists: never an overwrite, never through a symbolic link).
/// </summary>
internal static class PrivateFile
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = OwnerReadWrite | UnixFileMode.UserExecute;
    private const UnixFileMode GroupOrOthers = ~OwnerOnlyFolder & (UnixFileMode)0b111_111_111;

    public static void WriteNew(AbsolutePath path, ReadOnlySpan<byte> content)
    {
        var folder = path.Parent;
        RefuseExisting(path);
        if (!folder.DirectoryExists)
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                Directory.CreateDirectory(folder, OwnerOnlyFolder);
            }
        }
        else if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(folder) & GroupOrOthers) != 0)
        {
            throw BuildException.Failure($"{folder} may be entered by other users (mode {Convert.ToString((int)File.GetUnixFileMode(folder), 8)}), " +
                $"so no secret is written there. Make it private (chmod 700 {folder}) or name a file in a folder of its own.");
        }

        var temporary = folder / $".{path.Name}.{Guid.NewGuid():N}.tmp";
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerReadWrite;
            }

            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            // Without overwrite, .NET links the new name (link(2) on Unix), which fails when anything — a file, a link —
            // took the name since the check above.
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (Exists(path))
        {
            throw Refused(path);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Refuses a name that is taken, a dangling symbolic link included.</summary>
    public static void RefuseExisting(AbsolutePath path)
    {
        if (Exists(path))
        {
            throw Refused(path);
        }
    }

    private static bool Exists(AbsolutePath path) => new FileInfo(path).Exists || new FileInfo(path).LinkTarget is not null || Directory.Exists(path);

    private static BuildException Refused(AbsolutePath path) =>
        BuildException.Failure($"{path} already exists; a key file is never overwritten. Name another file, or move that one away first.");
}
