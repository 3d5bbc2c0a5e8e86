namespace Prism.Pipeline.Sidecars;

/// <summary>Replaces a file's content all at once: the new bytes go to a temporary file in the same folder, which is
/// then renamed over the target, so a failure leaves either the old file or the new one — never a partial one.</summary>
public sealed class AtomicFile
{
    private readonly Func<string, Stream> openTemporary;

    public AtomicFile()
        : this(path => new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None))
    {
    }

    /// <summary>Lets tests inject a stream that fails part-way through.</summary>
    internal AtomicFile(Func<string, Stream> openTemporary) => this.openTemporary = openTemporary;

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/>, keeping the existing file's Unix mode.</summary>
    public void WriteAllBytes(string path, ReadOnlySpan<byte> content)
    {
        var fullPath = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(fullPath)!, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = openTemporary(temporary))
            {
                stream.Write(content);
                (stream as FileStream)?.Flush(flushToDisk: true);
            }

            CopyUnixMode(fullPath, temporary);
            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    private static void CopyUnixMode(string from, string to)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(from))
        {
            File.SetUnixFileMode(to, File.GetUnixFileMode(from));
        }
    }
}
