using System.Security.Cryptography;
using System.Text;
using Prism.Daemon.Storage;

namespace Prism.Daemon.Session;

/// <summary>
/// The names of saved session files: <c>session-</c> + HMAC-SHA256 of the phone number under a random key of this
/// installation (kept 0600 in the data folder), so a listing of the folder cannot be turned back into a number by
/// trying every number — a plain hash could. Earlier versions used a plain SHA-256 (<see cref="LegacyPathOf"/>);
/// the store renames such a file to its keyed name the first time it is looked for.
/// </summary>
internal sealed class SessionFileNames(DataDirectory folder)
{
    public const string KeyFileName = "session-names.key";
    public const string Pattern = Prefix + "*" + Extension;
    private const string Prefix = "session-";
    private const string Extension = ".json";
    private const int KeyBytes = 32;

    private readonly Lock gate = new();
    private byte[]? key;

    /// <summary>The file of <paramref name="phone"/>, creating the installation's key on first use.</summary>
    public string PathOf(string phone) => Named(phone, KeyOrCreate());

    /// <summary>The file of <paramref name="phone"/> if this installation has a key yet (without one, no keyed file exists).</summary>
    public string? ExistingPathOf(string phone) => ExistingKey() is { } existing ? Named(phone, existing) : null;

    /// <summary>The name earlier versions gave the file of <paramref name="phone"/>: a plain hash, 32 hex digits.</summary>
    public string LegacyPathOf(string phone) =>
        Path.Combine(folder.Path, Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("prism-session:" + phone)))[..32] + Extension);

    private string Named(string phone, byte[] secret) =>
        Path.Combine(folder.Path, Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(phone))) + Extension);

    private string KeyPath => Path.Combine(folder.Path, KeyFileName);

    private byte[]? ExistingKey()
    {
        lock (gate)
        {
            return key ??= ReadKey();
        }
    }

    private byte[] KeyOrCreate()
    {
        lock (gate)
        {
            if ((key ??= ReadKey()) is { } existing)
            {
                return existing;
            }

            var created = RandomNumberGenerator.GetBytes(KeyBytes);
            try
            {
                PrivateFile.WriteAtomically(KeyPath, Encoding.ASCII.GetBytes(Convert.ToHexStringLower(created)));
                DeleteUnreachable();
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw folder.Failure($"create {KeyFileName} (the key that names session files)", exception);
            }

            return key = created;
        }
    }

    /// <summary>
    /// The saved key, or null when there is none (or it is damaged: then a new one replaces it). A key this user may
    /// not read is refused with the fix, never replaced: every saved session would be lost with it.
    /// </summary>
    private byte[]? ReadKey()
    {
        try
        {
            return PrivateFile.ReadHexIfPresent(KeyPath, KeyBytes * 2) is { } hex ? Convert.FromHexString(hex) : null;
        }
        catch (UnauthorizedAccessException exception)
        {
            throw folder.Unreadable(KeyFileName, exception, "every saved session then needs a new login");
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Keyed files of an earlier key (64 hex digits) can never be found again; they hold cookies, so they go.</summary>
    private void DeleteUnreachable()
    {
        foreach (var file in Directory.EnumerateFiles(folder.Path, Pattern))
        {
            if (Path.GetFileNameWithoutExtension(file).Length == Prefix.Length + (KeyBytes * 2))
            {
                File.Delete(file);
            }
        }
    }
}
