using System.Buffers.Binary;
using System.Text;
using Prism.Pipeline.Engine;

namespace Prism.Pipeline.Release.Signing;

/// <summary>
/// A minisign public key: <c>base64("Ed" ‖ key id (8 bytes) ‖ Ed25519 public key (32 bytes))</c> under an untrusted
/// comment line, as <c>minisign -G</c> writes it and <c>minisign -V -p</c> reads it (jedisct1/minisign, "Public key format").
/// </summary>
internal sealed record MinisignPublicKey(byte[] KeyId, byte[] Key)
{
    public const string Algorithm = "Ed";

    /// <summary>The key id as minisign prints it: the 8 bytes read as a little-endian number, 16 upper-case hex digits.</summary>
    public string KeyIdText => FormatKeyId(KeyId);

    public static string FormatKeyId(ReadOnlySpan<byte> keyId) => BinaryPrimitives.ReadUInt64LittleEndian(keyId).ToString("X16", null);

    /// <summary>The file minisign writes: its comment line, then the key.</summary>
    public string ToFileText() =>
        $"untrusted comment: minisign public key {KeyIdText}\n{Convert.ToBase64String([.. Encoding.ASCII.GetBytes(Algorithm), .. KeyId, .. Key])}\n";

    /// <summary>Reads a public key file's text (or the bare base64 line); <paramref name="where"/> names it in errors.</summary>
    public static MinisignPublicKey Parse(string text, string where)
    {
        var bytes = MinisignKeyFile.KeyBytes(text) ?? throw NotAKey(where, "its key line is not base64");

        if (bytes.Length != 42)
        {
            throw NotAKey(where, $"its key is {bytes.Length} bytes long, a minisign public key 42");
        }

        if (Encoding.ASCII.GetString(bytes, 0, 2) != Algorithm)
        {
            throw NotAKey(where, $"its algorithm is '{Encoding.ASCII.GetString(bytes, 0, 2)}', not '{Algorithm}' (Ed25519)");
        }

        return new MinisignPublicKey(bytes[2..10], bytes[10..]);
    }

    private static BuildException NotAKey(string where, string why) =>
        BuildException.Failure($"{where} is not a minisign public key: {why}. Give the .pub file `./build.sh NewSigningKey` or `minisign -G` wrote.");
}
