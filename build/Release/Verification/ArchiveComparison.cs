using System.Security.Cryptography;
using Prism.Pipeline.Engine;

namespace Prism.Pipeline.Release.Verification;

/// <summary>Compares a released archive with a rebuilt one: null when byte-identical, else which entries differ and how.</summary>
internal static class ArchiveComparison
{
    public static string? Compare(AbsolutePath released, AbsolutePath rebuilt)
    {
        if (!rebuilt.FileExists)
        {
            return $"the rebuild made no {rebuilt.Name}";
        }

        if (File.ReadAllBytes(released).AsSpan().SequenceEqual(File.ReadAllBytes(rebuilt)))
        {
            return null;
        }

        var before = ReleaseVerifier.ArchiveFiles(released);
        var after = ReleaseVerifier.ArchiveFiles(rebuilt);
        var entries = before.Keys.Union(after.Keys).Order(StringComparer.Ordinal).Select(name =>
            (before.GetValueOrDefault(name), after.GetValueOrDefault(name)) switch
            {
                (null, _) => $"{name} only in the rebuild",
                (_, null) => $"{name} only in the release",
                var (a, b) when !a.AsSpan().SequenceEqual(b) => $"{name} differs (SHA-256 {Sha256(a)} released, {Sha256(b)} rebuilt; {a.Length} vs {b.Length} bytes)",
                _ => null,
            }).OfType<string>().ToList();
        return entries.Count == 0
            ? $"the archives differ ({new FileInfo(released).Length} vs {new FileInfo(rebuilt).Length} bytes) while every entry is identical: their metadata (times, modes, order) differs"
            : "the archives differ: " + string.Join("; ", entries);
    }

    private static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
