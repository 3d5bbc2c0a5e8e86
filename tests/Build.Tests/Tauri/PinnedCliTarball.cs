using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;

namespace Prism.Pipeline.Tests.Tauri;

/// <summary>
/// The <c>@tauri-apps/cli</c> tarball that package-lock.json pins, found independently of the build's own lookup:
/// in npm's content-addressed cache (where <c>npm ci</c> left it), else from the npm registry; its bytes must match
/// the lock file's sha512 integrity before anything in it is trusted.
/// </summary>
internal sealed record PinnedCliTarball(string Version, byte[] Tarball, byte[] ConfigSchema)
{
    public static async Task<PinnedCliTarball> ReadAsync(CancellationToken cancellation)
    {
        using var lockFile = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, "package-lock.json")));
        var entry = lockFile.RootElement.GetProperty("packages").GetProperty("node_modules/@tauri-apps/cli");
        var version = entry.GetProperty("version").GetString()!;
        var sha512 = Convert.FromBase64String(entry.GetProperty("integrity").GetString()!["sha512-".Length..]);

        var tarball = FromNpmCache(sha512) ?? await FromRegistryAsync(version, cancellation);
        Assert.Equal(sha512, SHA512.HashData(tarball));
        return new PinnedCliTarball(version, tarball, SchemaIn(tarball));
    }

    /// <summary>npm's cache stores a tarball under <c>_cacache/content-v2/sha512/ab/cd/ef…</c> of its own digest.</summary>
    private static byte[]? FromNpmCache(byte[] sha512)
    {
        var cache = Environment.GetEnvironmentVariable("npm_config_cache") ?? (OperatingSystem.IsWindows()
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "npm-cache")
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".npm"));
        var hex = Convert.ToHexStringLower(sha512);
        var path = Path.Combine(cache, "_cacache", "content-v2", "sha512", hex[..2], hex[2..4], hex[4..]);
        return File.Exists(path) ? File.ReadAllBytes(path) : null;
    }

    private static async Task<byte[]> FromRegistryAsync(string version, CancellationToken cancellation)
    {
        var registry = (Environment.GetEnvironmentVariable("npm_config_registry") ?? "https://registry.npmjs.org/").TrimEnd('/');
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        try
        {
            return await http.GetByteArrayAsync($"{registry}/@tauri-apps/cli/-/cli-{version}.tgz", cancellation);
        }
        catch (HttpRequestException exception)
        {
            Assert.Skip($"The pinned @tauri-apps/cli {version} tarball is neither in npm's cache nor reachable ({exception.Message}): run `npm ci` to check the schema's origin.");
            throw;
        }
    }

    private static byte[] SchemaIn(byte[] tarball)
    {
        using var tar = new TarReader(new GZipStream(new MemoryStream(tarball), CompressionMode.Decompress));
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.Name == "package/config.schema.json" && entry.DataStream is { } data)
            {
                using var bytes = new MemoryStream();
                data.CopyTo(bytes);
                return bytes.ToArray();
            }
        }

        throw new InvalidDataException("The pinned @tauri-apps/cli tarball holds no package/config.schema.json.");
    }
}
