using System.Text;
using NSec.Cryptography;
using Prism.Pipeline.Engine;

namespace Prism.Pipeline.Release.Signing;

/// <summary>
/// A minisign secret key in minisign's own file format, unencrypted (what <c>minisign -G -W</c> writes), so the same
/// key signs with <c>minisign -S -W</c> too: <c>base64("Ed" ‖ kdf "\0\0" ‖ "B2" ‖ salt (32) ‖ opslimit (8) ‖ memlimit (8)
/// ‖ key id (8) ‖ libsodium secret key: seed ‖ public key (64) ‖ BLAKE2b-256 checksum (32))</c>. A password-protected
/// key (kdf "Sc", scrypt) is refused with the command that removes its password: the build holds no password, and in CI
/// a password would sit in the same secret store as the key.
/// </summary>
internal sealed class MinisignSecretKey : IDisposable
{
    private const int FileBytes = 2 + 2 + 2 + 32 + 8 + 8 + 8 + 64 + 32;
    private static readonly SignatureAlgorithm Ed25519 = SignatureAlgorithm.Ed25519;

    private MinisignSecretKey(byte[] keyId, Key key)
    {
        KeyId = keyId;
        Key = key;
        PublicKey = new MinisignPublicKey(keyId, key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    public byte[] KeyId { get; }

    /// <summary>The Ed25519 key itself (NSec; libsodium underneath).</summary>
    public Key Key { get; }

    public MinisignPublicKey PublicKey { get; }

    /// <summary>A new key pair: the key from libsodium's generator, the key id from the system's random numbers.</summary>
    public static MinisignSecretKey Create()
    {
        var key = Key.Create(Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        return new MinisignSecretKey(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8), key);
    }

    /// <summary>The secret key file's text (comment line, key line). Holds the secret: write it only to a private file.</summary>
    public string ToFileText()
    {
        var seed = Key.Export(KeyBlobFormat.RawPrivateKey);
        byte[] secret = [.. seed, .. PublicKey.Key];
        byte[] bytes =
        [
            .. "Ed"u8, 0, 0, .. "B2"u8, .. new byte[32], .. new byte[8], .. new byte[8],
            .. KeyId, .. secret, .. Checksum(KeyId, secret),
        ];
        return $"untrusted comment: minisign secret key {PublicKey.KeyIdText} (unencrypted)\n{Convert.ToBase64String(bytes)}\n";
    }

    /// <summary>
    /// Reads a secret key file's text. <paramref name="where"/> names where it came from (a file, an environment
    /// variable) in errors, which never quote the key.
    /// </summary>
    public static MinisignSecretKey Parse(string text, string where)
    {
        var bytes = MinisignKeyFile.KeyBytes(text) ?? throw NotAKey(where, "its key line is not base64");

        if (bytes.Length != FileBytes)
        {
            throw NotAKey(where, $"it holds {bytes.Length} bytes, a minisign secret key {FileBytes}" +
                (bytes.Length == 42 ? " (this looks like a public key)" : ""));
        }

        if (bytes[0..2] is not [(byte)'E', (byte)'d'] || bytes[4..6] is not [(byte)'B', (byte)'2'])
        {
            throw NotAKey(where, $"its algorithms are '{Encoding.ASCII.GetString(bytes, 0, 2)}'/'{Encoding.ASCII.GetString(bytes, 4, 2)}', not 'Ed'/'B2'");
        }

        if (bytes[2..4] is [(byte)'S', (byte)'c'])
        {
            throw BuildException.Failure($"{where} is a password-protected minisign secret key; the build reads unencrypted ones only " +
                "(it holds no password). Remove the password from a copy with `minisign -C -s COPY -W`, and keep that copy as private as the key.");
        }

        if (bytes[2..4] is not [0, 0])
        {
            throw NotAKey(where, "its key derivation function is unknown");
        }

        var keyId = bytes[54..62];
        var secret = bytes[62..126];
        var checksum = bytes[126..];
        // minisign -G -W leaves the checksum zero; a key written here carries it.
        if (checksum.Any(value => value != 0) && !checksum.AsSpan().SequenceEqual(Checksum(keyId, secret)))
        {
            throw NotAKey(where, "its checksum does not match the key (damaged or truncated)");
        }

        var key = Key.Import(Ed25519, secret.AsSpan(0, 32), KeyBlobFormat.RawPrivateKey,
            new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        if (!key.PublicKey.Export(KeyBlobFormat.RawPublicKey).AsSpan().SequenceEqual(secret.AsSpan(32)))
        {
            key.Dispose();
            throw NotAKey(where, "its public half does not belong to its secret half (damaged)");
        }

        return new MinisignSecretKey(keyId, key);
    }

    public void Dispose() => Key.Dispose();

    /// <summary>minisign's checksum: BLAKE2b-256 over "Ed" ‖ key id ‖ secret key.</summary>
    private static byte[] Checksum(byte[] keyId, byte[] secret) => HashAlgorithm.Blake2b_256.Hash([.. "Ed"u8, .. keyId, .. secret]);

    private static BuildException NotAKey(string where, string why) =>
        BuildException.Failure($"{where} is not a minisign secret key: {why}. Make one with `./build.sh NewSigningKey --signing-key-file FILE` " +
                               "or `minisign -G -W`.");
}
