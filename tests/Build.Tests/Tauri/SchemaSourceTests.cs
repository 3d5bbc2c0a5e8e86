using System.Net;
using Prism.Pipeline.Tauri;

namespace Prism.Pipeline.Tests.Tauri;

/// <summary>
/// Where the build takes Tauri's config schema from, and that it is checked against package-lock.json on every use:
/// in a temporary repository root with the real lock file, an npm cache folder of the test's own, and a registry that
/// is a fake answering with fixed bytes.
/// </summary>
public sealed class SchemaSourceTests : IDisposable
{
    private readonly TemporaryFolder root = new();
    private readonly TemporaryFolder npmCache = new();

    public SchemaSourceTests() => File.Copy(Path.Combine(RepositoryPaths.Root, "package-lock.json"), Path.Combine(root.Path, "package-lock.json"));

    public void Dispose()
    {
        root.Dispose();
        npmCache.Dispose();
    }

    private string Installed => TauriSchemaValidator.SchemaPathUnder(root.Path);

    /// <summary>The build's environment: the fake registry, and an npm cache that holds nothing unless a test puts it there.</summary>
    private Dictionary<string, string> Environment => new() { ["npm_config_registry"] = "https://registry.example/", ["npm_config_cache"] = npmCache.Path };

    /// <summary>Answers every request with the same bytes and counts the requests.</summary>
    private sealed class FixedResponse(byte[] body) : HttpMessageHandler
    {
        public Uri? Requested { get; private set; }

        public int Requests { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requested = request.RequestUri;
            Requests++;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) });
        }
    }

    [Fact]
    public async Task A_download_that_does_not_match_the_lock_files_integrity_is_refused_and_not_cached()
    {
        using var handler = new FixedResponse("not the tarball"u8.ToArray());

        var error = await Assert.ThrowsAsync<TauriConfigException>(() => new TauriSchemaSource(handler).LocateAsync(root.Path, Environment, CancellationToken.None));

        Assert.Equal("https://registry.example/@tauri-apps/cli/-/cli-2.12.5.tgz", handler.Requested?.ToString());
        Assert.Contains("does not match package-lock.json's integrity sha512-", error.Message, StringComparison.Ordinal);
        Assert.Contains("Run `npm ci`", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(root.Path, ".nuke")));
    }

    [Fact]
    public async Task A_node_modules_schema_that_is_not_the_pinned_packages_is_refused_naming_npm_ci()
    {
        var pinned = await PinnedCliTarball.ReadAsync(TestContext.Current.CancellationToken);
        WriteInstalled([.. pinned.ConfigSchema, .. "\n"u8]);
        using var handler = new FixedResponse(pinned.Tarball);

        var error = await Assert.ThrowsAsync<TauriConfigException>(() => new TauriSchemaSource(handler).LocateAsync(root.Path, Environment, CancellationToken.None));

        Assert.StartsWith($"{Installed}: this is not the config.schema.json of @tauri-apps/cli {pinned.Version} that package-lock.json pins (sha512-", error.Message, StringComparison.Ordinal);
        Assert.Contains("Run `npm ci`", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pinned_node_modules_schema_is_used_and_checked_again_on_each_use_without_fetching_again()
    {
        var pinned = await PinnedCliTarball.ReadAsync(TestContext.Current.CancellationToken);
        WriteInstalled(pinned.ConfigSchema);
        using var handler = new FixedResponse(pinned.Tarball);
        var source = new TauriSchemaSource(handler);

        Assert.Equal(Installed, await source.LocateAsync(root.Path, Environment, CancellationToken.None));
        Assert.Equal(Installed, await source.LocateAsync(root.Path, Environment, CancellationToken.None));
        WriteInstalled([.. pinned.ConfigSchema[..^1], (byte)' ']);
        await Assert.ThrowsAsync<TauriConfigException>(() => source.LocateAsync(root.Path, Environment, CancellationToken.None));

        Assert.Equal(1, handler.Requests);
    }

    [Fact]
    public async Task A_cached_schema_that_changed_since_it_was_fetched_is_taken_anew_from_the_pinned_package()
    {
        var pinned = await PinnedCliTarball.ReadAsync(TestContext.Current.CancellationToken);
        using var handler = new FixedResponse(pinned.Tarball);
        var source = new TauriSchemaSource(handler);
        var cached = await source.LocateAsync(root.Path, Environment, CancellationToken.None);
        await File.WriteAllTextAsync(cached, """{"description": "not Tauri's schema"}""", TestContext.Current.CancellationToken);

        var again = await source.LocateAsync(root.Path, Environment, CancellationToken.None);

        Assert.Equal(cached, again);
        Assert.Equal(pinned.ConfigSchema, await File.ReadAllBytesAsync(again, TestContext.Current.CancellationToken));
        Assert.Equal(2, handler.Requests);
    }

    [Fact]
    public async Task The_tarball_in_npms_cache_serves_without_the_registry()
    {
        var pinned = await PinnedCliTarball.ReadAsync(TestContext.Current.CancellationToken);
        var hex = Convert.ToHexStringLower(System.Security.Cryptography.SHA512.HashData(pinned.Tarball));
        var content = Path.Combine(npmCache.Path, "_cacache", "content-v2", "sha512", hex[..2], hex[2..4], hex[4..]);
        Directory.CreateDirectory(Path.GetDirectoryName(content)!);
        await File.WriteAllBytesAsync(content, pinned.Tarball, TestContext.Current.CancellationToken);
        WriteInstalled(pinned.ConfigSchema);
        using var handler = new FixedResponse("the registry is not asked"u8.ToArray());

        Assert.Equal(Installed, await new TauriSchemaSource(handler).LocateAsync(root.Path, Environment, CancellationToken.None));
        Assert.Equal(0, handler.Requests);
    }

    private void WriteInstalled(byte[] schema)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Installed)!);
        File.WriteAllBytes(Installed, schema);
    }
}
