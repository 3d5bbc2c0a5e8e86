using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Prism.Daemon.Hosting;
using Serilog;

namespace Prism.Daemon.Session;

/// <summary>
/// Saved sessions in the data folder, one file per phone number. The file name is a hash of the number, so a
/// listing of the folder reveals no phone number; files are 0600 and replaced atomically. A file that cannot be
/// read is reported once and treated as absent: a damaged file must never keep the daemon from working.
/// </summary>
internal sealed class SessionStore(string dataDirectory, ILogger log)
{
    private const string Prefix = "session-";
    private const string Extension = ".json";
    private readonly HashSet<string> reportedDamaged = new(StringComparer.Ordinal);

    /// <summary>Whether any saved session exists (for <c>get_status</c>; no file is read).</summary>
    public bool HasAny() =>
        Directory.Exists(dataDirectory) && Directory.EnumerateFiles(dataDirectory, Prefix + "*" + Extension).Any();

    /// <summary>The saved session of <paramref name="phone"/>, or null when there is none or it is damaged.</summary>
    public SavedSession? Load(string phone)
    {
        var path = PathOf(phone);
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            var session = JsonSerializer.Deserialize(File.ReadAllBytes(path), TradeRepublicJsonContext.Default.SavedSession);
            if (session is { Format: SavedSession.CurrentFormat, Cookies.Count: > 0 })
            {
                return session;
            }

            ReportDamaged(path, "it holds no cookies of a known format");
        }
        catch (Exception exception) when (exception is JsonException or IOException or UnauthorizedAccessException)
        {
            ReportDamaged(path, exception is JsonException ? "it is not valid JSON" : exception.Message);
        }

        return null;
    }

    /// <summary>Saves the session of <paramref name="phone"/> (0600, atomic).</summary>
    public void Save(string phone, IReadOnlyList<SavedCookie> cookies)
    {
        var session = new SavedSession(SavedSession.CurrentFormat, cookies, DateTimeOffset.UtcNow);
        PrivateFile.WriteAtomically(PathOf(phone), JsonSerializer.SerializeToUtf8Bytes(session, TradeRepublicJsonContext.Default.SavedSession));
        log.Information("Saved the session of {Phone}", PhoneMask.Mask(phone));
    }

    /// <summary>Deletes the saved session of <paramref name="phone"/>, if there is one.</summary>
    public void Delete(string phone)
    {
        var path = PathOf(phone);
        if (File.Exists(path))
        {
            File.Delete(path);
            log.Information("Deleted the saved session of {Phone}", PhoneMask.Mask(phone));
        }
    }

    /// <summary>The file of <paramref name="phone"/>: named after a hash, never the number.</summary>
    public string PathOf(string phone) =>
        Path.Combine(dataDirectory, Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("prism-session:" + phone)))[..32] + Extension);

    private void ReportDamaged(string path, string problem)
    {
        lock (reportedDamaged)
        {
            if (reportedDamaged.Add(path))
            {
                log.Warning("Ignoring the saved session {File}: {Problem}. A new login will replace it", Path.GetFileName(path), problem);
            }
        }
    }
}
