using System.Text;
using NSec.Cryptography;

namespace Prism.Pipeline.Release.Signing;

/// <summary>
/// minisign's signature file (<c>.minisig</c>), prehashed form (the default since minisign 0.8):
/// <list type="bullet">
/// <item><c>untrusted comment: …</c></item>
/// <item><c>base64("ED" ‖ key id ‖ Ed25519 signature of BLAKE2b-512(file))</c></item>
/// <item><c>trusted comment: …</c></item>
/// <item><c>base64(Ed25519 signature of (that signature ‖ the trusted comment))</c>, so the comment cannot be changed.</item>
/// </list>
/// Ed25519 is deterministic: the same key, file and trusted comment give the same bytes.
/// </summary>
internal static class MinisignSignature
{
    private const string UntrustedPrefix = "untrusted comment: ";
    private const string TrustedPrefix = "trusted comment: ";
    private static readonly SignatureAlgorithm Ed25519 = SignatureAlgorithm.Ed25519;

    /// <summary>Signs <paramref name="content"/>; the trusted comment is minisign's own form with the given time and file name.</summary>
    public static string Sign(MinisignSecretKey secretKey, ReadOnlySpan<byte> content, string fileName, long timestamp)
    {
        var trustedComment = $"timestamp:{timestamp}\tfile:{fileName}\thashed";
        var signature = Ed25519.Sign(secretKey.Key, HashAlgorithm.Blake2b_512.Hash(content));
        var globalSignature = Ed25519.Sign(secretKey.Key, [.. signature, .. Encoding.UTF8.GetBytes(trustedComment)]);
        return $"{UntrustedPrefix}signature from Prism release key {secretKey.PublicKey.KeyIdText}\n" +
               $"{Convert.ToBase64String([.. "ED"u8, .. secretKey.KeyId, .. signature])}\n" +
               $"{TrustedPrefix}{trustedComment}\n" +
               $"{Convert.ToBase64String(globalSignature)}\n";
    }

    /// <summary>
    /// Checks a signature file's text against <paramref name="content"/> and <paramref name="publicKey"/>; returns
    /// null when it holds, else why not (in words that name what disagreed, never a key).
    /// </summary>
    public static string? Problem(MinisignPublicKey publicKey, ReadOnlySpan<byte> content, string signatureText)
    {
        var lines = signatureText.Split('\n').Select(line => line.TrimEnd('\r')).ToList();
        if (lines.Count < 4 || !lines[0].StartsWith(UntrustedPrefix, StringComparison.Ordinal) || !lines[2].StartsWith(TrustedPrefix, StringComparison.Ordinal))
        {
            return "it is not a minisign signature (four lines: untrusted comment, signature, trusted comment, global signature)";
        }

        byte[] signatureLine, globalSignature;
        try
        {
            signatureLine = Convert.FromBase64String(lines[1]);
            globalSignature = Convert.FromBase64String(lines[3]);
        }
        catch (FormatException)
        {
            return "its signature lines are not base64";
        }

        if (signatureLine.Length != 74 || globalSignature.Length != 64)
        {
            return "its signature lines have the wrong length";
        }

        var algorithm = Encoding.ASCII.GetString(signatureLine, 0, 2);
        if (algorithm != "ED")
        {
            return $"its algorithm is '{algorithm}'; only prehashed signatures ('ED', minisign's default) are accepted";
        }

        var keyId = signatureLine[2..10];
        if (!keyId.AsSpan().SequenceEqual(publicKey.KeyId))
        {
            return $"it was made with key {MinisignPublicKey.FormatKeyId(keyId)}, not with the public key given ({publicKey.KeyIdText})";
        }

        var key = PublicKey.Import(Ed25519, publicKey.Key, KeyBlobFormat.RawPublicKey);
        var signature = signatureLine[10..];
        if (!Ed25519.Verify(key, HashAlgorithm.Blake2b_512.Hash(content), signature))
        {
            return "the signature does not match the file's content (the file was changed after signing, or signed by another key with the same id)";
        }

        var trustedComment = Encoding.UTF8.GetBytes(lines[2][TrustedPrefix.Length..]);
        return Ed25519.Verify(key, [.. signature, .. trustedComment], globalSignature)
            ? null
            : "the trusted comment was changed after signing (its global signature does not match)";
    }
}
