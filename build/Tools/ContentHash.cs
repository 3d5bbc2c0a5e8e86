using System.Security.Cryptography;

namespace Prism.Pipeline.Tools;

/// <summary>SHA-256 as lower-case hex, the form sha256sum prints: of a file (streamed) or of bytes in memory.</summary>
internal static class ContentHash
{
    public static string Sha256(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    public static string Sha256(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
