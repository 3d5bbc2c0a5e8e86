using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Prism.Pipeline.Tools;

namespace Prism.Pipeline.Tauri;

/// <summary>
/// Finds the pinned <c>@tauri-apps/cli</c>'s <c>config.schema.json</c> and checks it, on every use, against
/// <c>package-lock.json</c>: where <c>npm ci</c> put it, else a copy in <c>.nuke/temp</c>. So a machine with only the
/// .NET SDK validates against exactly the same schema, and an altered or stale schema is never used.
/// <para>
/// The lock file's integrity hash (sha512) covers the package tarball, not the schema file extracted from it. So the
/// schema's own SHA-256 is derived once from a tarball that matches the lock — npm's content-addressed cache, where
/// <c>npm ci</c> left it, else the registry — and recorded beside the copy in <c>.nuke/temp/tauri-cli-&lt;version&gt;/</c>
/// together with the integrity it was derived from. Every use hashes the schema it is about to hand out against that
/// record: a <c>node_modules</c> copy that differs is refused (<c>npm ci</c> restores it); a cached copy that differs,
/// or a record derived for another integrity (the lock changed), is derived anew.
/// </para>
/// </summary>
internal sealed class TauriSchemaSource(HttpMessageHandler? handler = null)
{
    private const string Package = "@tauri-apps/cli";
    private const string DefaultRegistry = "https://registry.npmjs.org/";
    private const string SchemaEntry = "package/config.schema.json";

    public async Task<string> LocateAsync(string repositoryRoot, IReadOnlyDictionary<string, string> environment, CancellationToken cancellation)
    {
        var installed = TauriSchemaValidator.SchemaPathUnder(repositoryRoot);
        var pinned = PinnedPackage(repositoryRoot);
        var cache = Path.Combine(repositoryRoot, ".nuke", "temp", $"tauri-cli-{pinned.Version}");
        var cached = Path.Combine(cache, "config.schema.json");
        var record = Path.Combine(cache, "config.schema.json.sha256");

        var expected = RecordedDigest(record, pinned.Integrity);
        var useInstalled = File.Exists(installed);
        if (expected is null || (!useInstalled && (!File.Exists(cached) || ContentHash.Sha256(cached) != expected)))
        {
            expected = await DeriveAsync(pinned, environment, useInstalled ? installed : cached, cached, record, cancellation);
        }

        if (!useInstalled)
        {
            return cached;
        }

        return ContentHash.Sha256(installed) == expected
            ? installed
            : throw TauriConfigException.SchemaAltered(installed, $"{Package} {pinned.Version}", pinned.Integrity);
    }

    /// <summary>The pinned CLI: its version and npm integrity (<c>sha512-&lt;base64&gt;</c>) from package-lock.json.</summary>
    private sealed record PinnedCli(string Version, string Integrity);

    private static PinnedCli PinnedPackage(string repositoryRoot)
    {
        var lockFile = Path.Combine(repositoryRoot, "package-lock.json");
        using var document = JsonDocument.Parse(File.ReadAllBytes(lockFile));
        var entry = document.RootElement.GetProperty("packages").GetProperty("node_modules/" + Package);
        return new PinnedCli(entry.GetProperty("version").GetString()!, entry.GetProperty("integrity").GetString()!);
    }

    /// <summary>The schema's SHA-256 the record holds, when it was derived for <paramref name="integrity"/>; else null.</summary>
    private static string? RecordedDigest(string record, string integrity)
    {
        if (!File.Exists(record))
        {
            return null;
        }

        var lines = File.ReadAllLines(record).Select(line => line.Split('=', 2)).Where(pair => pair.Length == 2).ToDictionary(pair => pair[0], pair => pair[1]);
        return lines.GetValueOrDefault("integrity") == integrity && lines.GetValueOrDefault("sha256") is { Length: 64 } digest ? digest : null;
    }

    /// <summary>
    /// Takes the pinned tarball (npm's cache, else the registry), checks it against the lock's integrity, writes the
    /// schema in it to <paramref name="cached"/> and then its SHA-256 to <paramref name="record"/>; returns that SHA-256.
    /// </summary>
    private async Task<string> DeriveAsync(PinnedCli pinned, IReadOnlyDictionary<string, string> environment, string schemaInUse, string cached, string record,
        CancellationToken cancellation)
    {
        var url = TarballUrl(environment, pinned.Version);
        var tarball = FromNpmCache(environment, pinned.Integrity) ?? await DownloadAsync(url, schemaInUse, cancellation);
        if (!Matches(tarball, pinned.Integrity))
        {
            throw TauriConfigException.SchemaUnavailable(schemaInUse, url, $"the download does not match package-lock.json's integrity {pinned.Integrity}");
        }

        var schema = ExtractSchema(tarball) ?? throw TauriConfigException.SchemaUnavailable(schemaInUse, url, "the package holds no config.schema.json");
        var digest = ContentHash.Sha256(schema);
        Directory.CreateDirectory(Path.GetDirectoryName(cached)!);
        var files = new AtomicFile();
        // The schema first: a record is never written for a copy that is not in place.
        files.WriteAllBytes(cached, schema);
        files.WriteAllBytes(record, System.Text.Encoding.UTF8.GetBytes($"integrity={pinned.Integrity}\nsha256={digest}\n"));
        return digest;
    }

    /// <summary>
    /// The tarball from npm's content-addressed cache (<c>_cacache/content-v2/sha512/ab/cd/ef…</c> of its own
    /// digest; the cache folder is <c>npm_config_cache</c>, else npm's default), or null when it is not there.
    /// </summary>
    private static byte[]? FromNpmCache(IReadOnlyDictionary<string, string> environment, string integrity)
    {
        if (!integrity.StartsWith("sha512-", StringComparison.Ordinal))
        {
            return null;
        }

        var cache = environment.GetValueOrDefault("npm_config_cache") ?? environment.GetValueOrDefault("NPM_CONFIG_CACHE") ?? (OperatingSystem.IsWindows()
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "npm-cache")
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".npm"));
        var hex = Convert.ToHexStringLower(Convert.FromBase64String(integrity["sha512-".Length..]));
        var path = Path.Combine(cache, "_cacache", "content-v2", "sha512", hex[..2], hex[2..4], hex[4..]);
        return File.Exists(path) ? File.ReadAllBytes(path) : null;
    }

    /// <summary>npm's tarball address: <c>{registry}/@scope/name/-/name-{version}.tgz</c>, honouring npm's registry setting.</summary>
    private static string TarballUrl(IReadOnlyDictionary<string, string> environment, string version)
    {
        var registry = environment.GetValueOrDefault("npm_config_registry") ?? environment.GetValueOrDefault("NPM_CONFIG_REGISTRY") ?? DefaultRegistry;
        return $"{registry.TrimEnd('/')}/{Package}/-/cli-{version}.tgz";
    }

    private async Task<byte[]> DownloadAsync(string url, string schemaInUse, CancellationToken cancellation)
    {
        using var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.Timeout = TimeSpan.FromMinutes(2);
        try
        {
            return await http.GetByteArrayAsync(url, cancellation);
        }
        catch (HttpRequestException exception)
        {
            throw TauriConfigException.SchemaUnavailable(schemaInUse, url, exception.Message);
        }
    }

    /// <summary>npm's Subresource-Integrity form: <c>sha512-&lt;base64&gt;</c>.</summary>
    private static bool Matches(byte[] tarball, string integrity) =>
        integrity.StartsWith("sha512-", StringComparison.Ordinal) &&
        Convert.ToBase64String(SHA512.HashData(tarball)) == integrity["sha512-".Length..];

    private static byte[]? ExtractSchema(byte[] tarball)
    {
        using var tar = new TarReader(new GZipStream(new MemoryStream(tarball), CompressionMode.Decompress));
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.Name == SchemaEntry && entry.DataStream is { } data)
            {
                using var copy = new MemoryStream();
                data.CopyTo(copy);
                return copy.ToArray();
            }
        }

        return null;
    }
}
