using System.Security.Cryptography;
using System.Text;

namespace Prism.Daemon.Hosting;

/// <summary>
/// Files only their owner may read (0600 on Unix), replaced atomically so a crash never leaves half a file, and
/// never written or read through a symbolic link: whoever planted one would get the secret, or choose it.
/// </summary>
internal static class PrivateFile
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
        var temporary = $"{path}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerReadWrite;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>The content of <paramref name="path"/>, or null when there is no file; an IOException when a link (or a folder) is in its place.</summary>
    public static byte[]? ReadIfPresent(string path)
    {
        var file = new FileInfo(path);
        if (file.LinkTarget is not null)
        {
            throw new IOException($"{file.Name} is a symbolic link, which is never followed.");
        }

        if (!file.Exists)
        {
            return Directory.Exists(path) ? throw new IOException($"{file.Name} is a folder, not a file.") : null;
        }

        return File.ReadAllBytes(path);
    }

    /// <summary>
    /// The lowercase hex secret of <paramref name="length"/> digits saved at <paramref name="path"/> (surrounding
    /// whitespace ignored), or null when there is no file or it holds anything else; throws as <see cref="ReadIfPresent"/>.
    /// </summary>
    public static string? ReadHexIfPresent(string path, int length) =>
        ReadIfPresent(path) is { } saved && Encoding.ASCII.GetString(saved).Trim() is { } hex && hex.Length == length && hex.All(char.IsAsciiHexDigitLower)
            ? hex
            : null;
}
