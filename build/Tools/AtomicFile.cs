using Prism.Pipeline.Engine;

namespace Prism.Pipeline.Tools;

/// <summary>Replaces a file's content all at once: the new bytes go to a temporary file in the same folder, which is
/// then renamed over the target, so a failure leaves either the old file or the new one — never a partial one.
/// A symbolic link stays a link (its final target is what gets replaced), the file's mode stays, and a read-only file
/// is refused untouched: the rename would otherwise replace it anyway, since renaming needs only the folder's
/// permission (and root needs none).</summary>
public sealed class AtomicFile
{
    private readonly Func<string, Stream> openTemporary;
    private readonly Action<string, string> replace;

    public AtomicFile()
        : this(path => new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None))
    {
    }

    /// <summary>Lets tests inject a stream that fails part-way through, or a rename that fails as a locked file's would.</summary>
    internal AtomicFile(Func<string, Stream> openTemporary, Action<string, string>? replace = null)
    {
        this.openTemporary = openTemporary;
        this.replace = replace ?? ((temporary, target) => File.Move(temporary, target, overwrite: true));
    }

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> with <paramref name="mode"/> on Unix, or, when
    /// no mode is given, keeping the existing file's.</summary>
    public void WriteAllBytes(string path, ReadOnlySpan<byte> content, UnixFileMode? mode = null)
    {
        var fullPath = Path.GetFullPath(path);
        var target = FinalTarget(fullPath);
        RefuseReadOnly(fullPath, target);
        var temporary = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = openTemporary(temporary))
            {
                stream.Write(content);
                (stream as FileStream)?.Flush(flushToDisk: true);
            }

            SetUnixMode(target, temporary, mode);
            replace(temporary, target);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>The file a (chain of) symbolic link(s) ends at, or <paramref name="path"/> itself when it is no link.</summary>
    private static string FinalTarget(string path)
    {
        var file = new FileInfo(path);
        return file.LinkTarget is null ? path : file.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
    }

    private static void RefuseReadOnly(string path, string target)
    {
        if (!File.Exists(target))
        {
            return;
        }

        var readOnly = OperatingSystem.IsWindows()
            ? File.GetAttributes(target).HasFlag(FileAttributes.ReadOnly) ? "has the read-only attribute" : null
            : (File.GetUnixFileMode(target) & UnixFileMode.UserWrite) == 0 ? $"is read-only (mode {Convert.ToString((int)File.GetUnixFileMode(target), 8)})" : null;
        if (readOnly is not null)
        {
            var which = target == path ? path : $"{path} (a link to {target})";
            var fix = OperatingSystem.IsWindows() ? $"attrib -R \"{target}\"" : $"chmod u+w {target}";
            throw BuildException.Failure($"{which} {readOnly}, so the build left it as it is. Make it writable ({fix}) and run the build again.");
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
