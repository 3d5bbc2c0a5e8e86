using System.Formats.Tar;

namespace Prism.Daemon.Storage;

/// <summary>
/// Who owns a folder on Unix, and who this process is. .NET has no API for a file's owner, and <c>struct stat</c>
/// differs per OS and architecture (and its symbol per glibc version); System.Formats.Tar reads the owner for every
/// tar header it writes, on every Unix .NET runs on, so one header written to memory and read back tells it.
/// </summary>
internal static class UnixOwner
{
    /// <summary>The effective user id of this process (the one the kernel checks, e.g. 0 under sudo).</summary>
    public static uint Me => PosixCalls.GetEffectiveUserId();

    /// <summary>The owner's uid of the folder at <paramref name="path"/> (a link is followed to its final target, as opening the folder does).</summary>
    public static uint OfFolder(string path)
    {
        var folder = Directory.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? path;
        using var header = new MemoryStream();
        using (var writer = new TarWriter(header, TarEntryFormat.Pax, leaveOpen: true))
        {
            // A folder's entry is its header only: nothing inside it is read.
            writer.WriteEntry(folder, "folder");
        }

        header.Position = 0;
        using var reader = new TarReader(header);
        var entry = reader.GetNextEntry() ?? throw new IOException($"Could not read the owner of {path}.");
        return unchecked((uint)entry.Uid);
    }
}
