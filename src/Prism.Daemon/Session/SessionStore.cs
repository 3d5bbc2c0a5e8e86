using System.Text.Json;
using Prism.Daemon.Storage;
using Prism.Daemon.Upstream;
using Serilog;

namespace Prism.Daemon.Session;

/// <summary>
/// Saved sessions in the data folder, one file per phone number, named by <see cref="SessionFileNames"/> so a
/// listing of the folder reveals no phone number; files are 0600, replaced atomically, never read or written through
/// a link. A file that cannot be read, or that parses but is damaged, is reported once, deleted and treated as absent:
/// it must never keep a login from working. A session that cannot be saved is reported, and stays signed in for
/// this run.
/// </summary>
internal sealed class SessionStore(DataDirectory folder, ILogger log)
{
    private readonly SessionFileNames names = new(folder);
    private readonly HashSet<string> undeletable = new(StringComparer.Ordinal);

    /// <summary>Whether any saved session exists (for <c>get_status</c>; no file is read or written).</summary>
    public bool HasAny()
    {
        try
        {
            return Directory.Exists(folder.Path) && Directory.EnumerateFiles(folder.Path, SessionFileNames.Pattern).Any();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// The saved session of <paramref name="phone"/>, or null when there is none or it was damaged.
    /// Throws <see cref="DataDirectoryUnusable"/> when the data folder may not hold secrets.
    /// </summary>
    public SavedSession? Load(string phone)
    {
        folder.EnsureUsable();
        var path = names.PathOf(phone);
        MigrateLegacyFile(phone, path);
        byte[]? content;
        try
        {
            content = PrivateFile.ReadIfPresent(path);
        }
        catch (UnauthorizedAccessException exception)
        {
            // Not damage: a file of another user's. Deleting it would sign someone out behind their back.
            throw folder.Unreadable(Path.GetFileName(path), exception, "that phone number then logs in anew");
        }
        catch (IOException exception)
        {
            Discard(path, exception.Message);
            return null;
        }

        if (content is null)
        {
            return null;
        }

        SavedSession? session;
        try
        {
            session = JsonSerializer.Deserialize(content, TradeRepublicJsonContext.Default.SavedSession);
        }
        catch (JsonException)
        {
            Discard(path, "it is not valid JSON of a saved session");
            return null;
        }

        if (DamageOf(session) is { } damage)
        {
            Discard(path, damage);
            return null;
        }

        return session;
    }

    /// <summary>Saves the session of <paramref name="phone"/> (0600, atomic); a failure is logged, never thrown: the login stands for this run.</summary>
    public void Save(string phone, IReadOnlyList<SavedCookie> cookies)
    {
        var session = new SavedSession(SavedSession.CurrentFormat, cookies, DateTimeOffset.UtcNow);
        try
        {
            folder.EnsureUsable();
            PrivateFile.WriteAtomically(names.PathOf(phone), JsonSerializer.SerializeToUtf8Bytes(session, TradeRepublicJsonContext.Default.SavedSession));
            log.Information("Saved the session of {Phone}", PhoneMask.Mask(phone));
        }
        catch (Exception exception) when (exception is DataDirectoryUnusable or IOException or UnauthorizedAccessException)
        {
            log.Warning(
                "The session of {Phone} could not be saved; it stays signed in until this tr-daemon exits, then needs a new login. {Problem}",
                PhoneMask.Mask(phone),
                folder.Failure("save the session", exception).Message);
        }
    }

    /// <summary>
    /// Deletes the saved session of <paramref name="phone"/> (under its keyed and its legacy name), if there is one —
    /// also from a folder refused for new secrets. Throws <see cref="DataDirectoryUnusable"/> when a file stays.
    /// </summary>
    public void Delete(string phone)
    {
        foreach (var path in new[] { names.ExistingPathOf(phone), names.LegacyPathOf(phone) }.OfType<string>())
        {
            try
            {
                if (Occupied(path))
                {
                    File.Delete(path);
                    log.Information("Deleted the saved session of {Phone}", PhoneMask.Mask(phone));
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw folder.Failure($"delete the saved session {Path.GetFileName(path)} (delete it by hand)", exception);
            }
        }
    }

    /// <summary>What makes a file that parsed unusable, or null when it is a session to try.</summary>
    private static string? DamageOf(SavedSession? session)
    {
        // The source-generated reader does not enforce non-nullable members: a hand-edited or truncated-then-patched
        // file can hold nulls where the types promise none.
        if (session is null)
        {
            return "it holds null instead of a session";
        }

        if (session.Format != SavedSession.CurrentFormat)
        {
            return $"its format {session.Format} is not the known format {SavedSession.CurrentFormat}";
        }

        if (session.Cookies is not { Count: > 0 })
        {
            return "it holds no cookies";
        }

        foreach (var cookie in session.Cookies)
        {
            if (cookie is null)
            {
                return "it holds an empty (null) cookie entry";
            }

            if (string.IsNullOrEmpty(cookie.Name) || cookie.Value is null || string.IsNullOrEmpty(cookie.Domain))
            {
                return "a cookie lacks its name, value or domain";
            }
        }

        return null;
    }

    /// <summary>
    /// An earlier version's file of <paramref name="phone"/> becomes the keyed file, once: written anew (owner-only,
    /// atomically, as every save), then the old one deleted — a rename would keep whatever mode the old file had.
    /// </summary>
    private void MigrateLegacyFile(string phone, string path)
    {
        var legacy = names.LegacyPathOf(phone);
        if (!Occupied(legacy))
        {
            return;
        }

        byte[]? content;
        try
        {
            content = PrivateFile.ReadIfPresent(legacy);
        }
        catch (UnauthorizedAccessException exception)
        {
            throw folder.Unreadable(Path.GetFileName(legacy), exception, "that phone number then logs in anew");
        }
        catch (IOException exception)
        {
            Discard(legacy, exception.Message);
            return;
        }

        try
        {
            // Unless a migration stopped after its write: then the keyed file is the session already.
            if (content is not null && !Occupied(path))
            {
                PrivateFile.WriteAtomically(path, content);
                log.Information("Moved the saved session of {Phone} to its keyed file name (earlier versions named it by a plain hash of the number)", PhoneMask.Mask(phone));
            }

            File.Delete(legacy);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw folder.Failure($"give the saved session {Path.GetFileName(legacy)} its keyed name", exception);
        }
    }

    /// <summary>Deletes a damaged file and reports it (a file that cannot be deleted is reported once), so no later login trips over it.</summary>
    private void Discard(string path, string problem)
    {
        try
        {
            File.Delete(path);
            log.Warning("Deleted the damaged saved session {File}: {Problem}. A new login will replace it", Path.GetFileName(path), problem);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            lock (undeletable)
            {
                if (undeletable.Add(path))
                {
                    log.Warning("Ignoring the saved session {File}: {Problem}; it could not be deleted ({Reason})", Path.GetFileName(path), problem, exception.Message);
                }
            }
        }
    }

    /// <summary>Whether anything (a file, a folder, a link even if it dangles) is at <paramref name="path"/>.</summary>
    private static bool Occupied(string path) => Path.Exists(path) || new FileInfo(path).LinkTarget is not null;
}
