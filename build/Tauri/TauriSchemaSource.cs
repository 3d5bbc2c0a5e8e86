using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Prism.Pipeline.Tools;

namespace Prism.Pipeline.Tauri;

/// <summary>
/// Finds the pinned <c>@tauri-apps/cli</c>'s <c>config.schema.json</c>: where <c>npm ci</c> put it, else fetched once
/// from the npm registry as the pinned package tarball — checked against <c>package-lock.json</c>'s integrity hash —
/// into <c>.nuke/temp</c>. So a machine with only the .NET SDK validates against exactly the same schema.
/// </summary>
internal sealed class TauriSchemaSource(HttpMessageHandler? handler = null)
{
    private const string Package = "@tauri-apps/cli";
    private const string DefaultRegistry = "https://registry.npmjs.org/";

    public async Task<string> LocateAsync(string repositoryRoot, IReadOnlyDictionary<string, string> environment, CancellationToken cancellation)
    {
        var installed = TauriSchemaValidator.SchemaPathUnder(repositoryRoot);
        if (File.Exists(installed))
        {
            return installed;
        }

        var (version, integrity) = PinnedPackage(repositoryRoot);
        var cached = Path.Combine(repositoryRoot, ".nuke", "temp", $"tauri-cli-{version}", "config.schema.json");
        if (File.Exists(cached))
        {
            return cached;
        }

        var url = TarballUrl(environment, version);
        var tarball = await DownloadAsync(url, installed, cancellation);
        if (!Matches(tarball, integrity))
        {
            throw TauriConfigException.SchemaUnavailable(installed, url, $"the download does not match package-lock.json's integrity {integrity}");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(cached)!);
        new AtomicFile().WriteAllBytes(cached, ExtractSchema(tarball) ?? throw TauriConfigException.SchemaUnavailable(installed, url, "the package holds no config.schema.json"));
        return cached;
    }

    /// <summary>The version and integrity of the CLI that package-lock.json pins.</summary>
    private static (string Version, string Integrity) PinnedPackage(string repositoryRoot)
    {
        var lockFile = Path.Combine(repositoryRoot, "package-lock.json");
        using var document = JsonDocument.Parse(File.ReadAllBytes(lockFile));
        var entry = document.RootElement.GetProperty("packages").GetProperty("node_modules/" + Package);
        return (entry.GetProperty("version").GetString()!, entry.GetProperty("integrity").GetString()!);
    }

    /// <summary>npm's tarball address: <c>{registry}/@scope/name/-/name-{version}.tgz</c>, honouring npm's registry setting.</summary>
    private static string TarballUrl(IReadOnlyDictionary<string, string> environment, string version)
    {
        var registry = environment.GetValueOrDefault("npm_config_registry") ?? environment.GetValueOrDefault("NPM_CONFIG_REGISTRY") ?? DefaultRegistry;
        return $"{registry.TrimEnd('/')}/{Package}/-/cli-{version}.tgz";
    }

    private async Task<byte[]> DownloadAsync(string url, string installed, CancellationToken cancellation)
    {
        using var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.Timeout = TimeSpan.FromMinutes(2);
        try
        {
            return await http.GetByteArrayAsync(url, cancellation);
        }
        catch (HttpRequestException exception)
        {
            throw TauriConfigException.SchemaUnavailable(installed, url, exception.Message);
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
            if (entry.Name == "package/config.schema.json" && entry.DataStream is { } data)
            {
                using var copy = new MemoryStream();
                data.CopyTo(copy);
                return copy.ToArray();
            }
        }

        return null;
    }
}
