using System.Net;
using Prism.Pipeline.Tauri;

namespace Prism.Pipeline.Tests.Tauri;

public sealed class SchemaSourceTests
{
    /// <summary>Answers every request with the same bytes and remembers the address asked for.</summary>
    private sealed class FixedResponse(byte[] body) : HttpMessageHandler
    {
        public Uri? Requested { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requested = request.RequestUri;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) });
        }
    }

    [Fact]
    public async Task A_download_that_does_not_match_the_lock_files_integrity_is_refused_and_not_cached()
    {
        using var folder = new TemporaryFolder();
        File.Copy(Path.Combine(RepositoryPaths.Root, "package-lock.json"), Path.Combine(folder.Path, "package-lock.json"));
        using var handler = new FixedResponse("not the tarball"u8.ToArray());
        var environment = new Dictionary<string, string> { ["npm_config_registry"] = "https://registry.example/" };

        var error = await Assert.ThrowsAsync<TauriConfigException>(() =>
            new TauriSchemaSource(handler).LocateAsync(folder.Path, environment, CancellationToken.None));

        Assert.Equal("https://registry.example/@tauri-apps/cli/-/cli-2.12.5.tgz", handler.Requested?.ToString());
        Assert.Contains("does not match package-lock.json's integrity sha512-", error.Message, StringComparison.Ordinal);
        Assert.Contains("Run `npm ci`", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(folder.Path, ".nuke")));
    }
}
