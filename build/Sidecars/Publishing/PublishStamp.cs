using Prism.Pipeline.Engine;
using Prism.Pipeline.Tools;

namespace Prism.Pipeline.Sidecars.Publishing;

/// <summary>
/// Remembers the fingerprint a publish was made from and the SHA-256 of the binary it left, so an unchanged publish is
/// skipped — a binary changed or deleted since is not mistaken for up to date, and a copied tree stays up to date.
/// </summary>
internal sealed class PublishStamp(AbsolutePath path)
{
    public bool Matches(string fingerprint, AbsolutePath binary) =>
        path.FileExists && binary.FileExists && File.ReadAllText(path) == Content(fingerprint, binary);

    public void Write(string fingerprint, AbsolutePath binary)
    {
        Directory.CreateDirectory(path.Parent);
        File.WriteAllText(path, Content(fingerprint, binary));
    }

    /// <summary>Forgets the publish, so one that fails half-way is redone next time.</summary>
    public void Delete()
    {
        if (path.FileExists)
        {
            File.Delete(path);
        }
    }

    private static string Content(string fingerprint, AbsolutePath binary) =>
        $"{fingerprint}\n{ContentHash.Sha256(binary)}\n";
}
