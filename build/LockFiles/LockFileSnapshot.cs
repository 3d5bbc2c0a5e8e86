namespace Prism.Pipeline.LockFiles;

/// <summary>
/// The lock files a restore may rewrite, as they were before it: a restore that fails (a package the feed does not
/// serve) still writes a lock file without that package, which must not be left as if it pinned anything.
/// </summary>
internal sealed class LockFileSnapshot
{
    private readonly Dictionary<string, byte[]?> contents;

    private LockFileSnapshot(Dictionary<string, byte[]?> contents) => this.contents = contents;

    public static LockFileSnapshot Take(IEnumerable<string> lockFiles) =>
        new(lockFiles.Distinct(StringComparer.Ordinal).ToDictionary(file => file, file => File.Exists(file) ? File.ReadAllBytes(file) : null, StringComparer.Ordinal));

    /// <summary>Puts every file back as it was: the earlier content, or no file.</summary>
    public void Restore()
    {
        foreach (var (file, content) in contents)
        {
            if (content is null)
            {
                File.Delete(file);
            }
            else
            {
                File.WriteAllBytes(file, content);
            }
        }
    }
}
