using System.Runtime.InteropServices;
using System.Security.AccessControl;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Win32.SafeHandles;

namespace Prism.Daemon.Storage;

/// <summary>
/// Files only their owner may read (0600 on Unix, an owner-only protected DACL on Windows), replaced atomically so a
/// crash never leaves half a file, and never written or read through a symbolic link: whoever planted one would get
/// the secret, or choose it.
/// </summary>
internal static partial class PrivateFile
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Writes <paramref name="content"/> to a new temporary file beside <paramref name="path"/>, then renames it over
    /// <paramref name="path"/>. The temporary name is random and the file is created exclusively (it must not exist,
    /// not even as a link) and 0600 from its first byte; the rename replaces whatever is at <paramref name="path"/>,
    /// a link included, instead of writing through it.
    /// </summary>
    public static void WriteAtomically(string path, ReadOnlySpan<byte> content)
    {
        var temporary = $"{path}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}{TemporaryExtension}";
        try
        {
            using (var stream = CreateNew(temporary))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            // The rename keeps the file's own DACL on Windows (same volume), and its mode everywhere.
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>
    /// Deletes the temporary files of writes that never reached their rename (the daemon was killed in between) from
    /// <paramref name="folder"/>: they may hold cookies. Also those of earlier versions (<c>&lt;file&gt;.&lt;pid&gt;.tmp</c>).
    /// Returns how many went.
    /// </summary>
    public static int DeleteInterruptedWrites(string folder)
    {
        var deleted = 0;
        foreach (var file in Directory.EnumerateFileSystemEntries(folder, "*" + TemporaryExtension))
        {
            if (IsInterruptedWrite(file) && !Directory.Exists(file))
            {
                File.Delete(file);
                deleted++;
            }
        }

        return deleted;
    }

    /// <summary>Whether <paramref name="path"/> is named as <see cref="WriteAtomically"/> names its temporary files (or earlier versions did).</summary>
    public static bool IsInterruptedWrite(string path) => InterruptedWriteName().IsMatch(Path.GetFileName(path));

    /// <summary>
    /// The content of <paramref name="path"/>, or null when there is no file; an IOException when a link (or a folder)
    /// is in its place, an UnauthorizedAccessException when this user may not read it.
    /// </summary>
    public static byte[]? ReadIfPresent(string path)
    {
        var file = new FileInfo(path);
        if (file.LinkTarget is not null)
        {
            throw LinkRefused(file.Name);
        }

        if (!file.Exists)
        {
            return Directory.Exists(path) ? throw new IOException($"{file.Name} is a folder, not a file.") : null;
        }

        // Windows: .NET opens no file without following a link, and planting one needs the symbolic-link privilege
        // besides write access to the owner-only folder; the check above is what stands there.
        return OperatingSystem.IsWindows() ? File.ReadAllBytes(path) : ReadWithoutFollowing(path);
    }

    /// <summary>
    /// open(2) with O_NOFOLLOW: a link swapped in after the checks of <see cref="ReadIfPresent"/> is refused by the
    /// kernel itself instead of followed (.NET has no such option). Null when the file went meanwhile.
    /// </summary>
    internal static byte[]? ReadWithoutFollowing(string path)
    {
        var descriptor = PosixCalls.Open(path, PosixCalls.ReadNoFollowFlags);
        if (descriptor < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            var name = Path.GetFileName(path);
            return errno == PosixCalls.NoSuchFile ? null
                : errno == PosixCalls.LinkRefused ? throw LinkRefused(name)
                : PosixCalls.IsPermissionDenied(errno) ? throw new UnauthorizedAccessException($"{Marshal.GetPInvokeErrorMessage(errno)}.")
                : throw new IOException($"{name}: {Marshal.GetPInvokeErrorMessage(errno)}.");
        }

        using var handle = new SafeFileHandle(descriptor, ownsHandle: true);
        using var stream = new FileStream(handle, FileAccess.Read, bufferSize: 0);
        using var content = new MemoryStream();
        stream.CopyTo(content);
        return content.ToArray();
    }

    /// <summary>
    /// The lowercase hex secret of <paramref name="length"/> digits saved at <paramref name="path"/> (surrounding
    /// whitespace ignored), or null when there is no file or it holds anything else; throws as <see cref="ReadIfPresent"/>.
    /// </summary>
    public static string? ReadHexIfPresent(string path, int length) =>
        ReadIfPresent(path) is { } saved && Encoding.ASCII.GetString(saved).Trim() is { } hex && hex.Length == length && hex.All(char.IsAsciiHexDigitLower)
            ? hex
            : null;

    private const string TemporaryExtension = ".tmp";

    /// <summary>A new file only this user may use: 0600 from its first byte, or (Windows) the owner-only DACL from its creation.</summary>
    private static FileStream CreateNew(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return new FileInfo(path).Create(FileMode.CreateNew, FileSystemRights.Write, FileShare.None, bufferSize: 4096, FileOptions.None, OwnerOnlyAcl.ForFile());
        }

        return new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, UnixCreateMode = OwnerReadWrite });
    }

    private static IOException LinkRefused(string name) => new($"{name} is a symbolic link, which is never followed.");

    /// <summary><c>&lt;file&gt;.&lt;16 hex digits&gt;.tmp</c> as <see cref="WriteAtomically"/> names them, or an earlier version's <c>&lt;file&gt;.&lt;pid&gt;.tmp</c>.</summary>
    [GeneratedRegex(@"\A.+\.[0-9a-f]+\.tmp\z", RegexOptions.CultureInvariant)]
    private static partial Regex InterruptedWriteName();
}
