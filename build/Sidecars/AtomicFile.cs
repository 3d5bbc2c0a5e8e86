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

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> with <paramref name="mode"/> on Unix, or, when
    /// no mode is given, keeping the existing file's.</summary>
    public void WriteAllBytes(string path, ReadOnlySpan<byte> content, UnixFileMode? mode = null)
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

            SetUnixMode(fullPath, temporary, mode);
            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    private static void SetUnixMode(string target, string temporary, UnixFileMode? mode)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        if (mode is { } wanted)
        {
            File.SetUnixFileMode(temporary, wanted);
        }
        else if (File.Exists(target))
        {
            File.SetUnixFileMode(temporary, File.GetUnixFileMode(target));
        }
    }
}
