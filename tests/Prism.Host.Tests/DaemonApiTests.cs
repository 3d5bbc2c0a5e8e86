using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Prism.Host.Tests;

/// <summary>The API routes through the real host to the real tr-daemon of this build (HostProcess names it in PRISM_DAEMON_PATH).</summary>
public sealed class DaemonApiTests
{
    [Fact]
    public async Task Status_is_the_daemons_get_status_result()
    {
        await using var host = await HostProcess.StartAsync();

        using var response = await host.SendAsync(HttpMethod.Get, "/api/status");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var status = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("idle", status.GetProperty("status").GetString());
        Assert.False(status.GetProperty("has_saved_session").GetBoolean());
        Assert.Equal(ReleaseVersion.Value, status.GetProperty("version").GetString());
        // The daemon of this build, not whatever this checkout staged in src-tauri/binaries last (the from-source
        // search would prefer that one): FromSourceLookupTests test the search on a layout of their own.
        await host.WaitForLogAsync(new System.Text.RegularExpressions.Regex($@"started from \S+ {System.Text.RegularExpressions.Regex.Escape(BuildOutputs.DaemonDll)} \(PRISM_DAEMON_PATH, run with dotnet\)"));
    }

    /// <summary>A copy of the daemon's build output elsewhere, so the test names a daemon the host would not have run by default.</summary>
    [Fact]
    public async Task Daemon_named_by_PRISM_DAEMON_PATH_is_the_one_started()
    {
        using var copy = new TemporaryFolder();
        foreach (var file in Directory.EnumerateFiles(Path.GetDirectoryName(BuildOutputs.DaemonDll)!))
        {
            File.Copy(file, Path.Combine(copy.Path, Path.GetFileName(file)));
        }

        var named = Path.Combine(copy.Path, "tr-daemon.dll");
        await using var host = await HostProcess.StartAsync(new Dictionary<string, string?> { ["PRISM_DAEMON_PATH"] = named });

        using var response = await host.SendAsync(HttpMethod.Get, "/api/status");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var log = await host.LogAfterExitAsync();
        Assert.Contains($"{named} (PRISM_DAEMON_PATH, run with dotnet)", log, StringComparison.Ordinal);
        Assert.DoesNotContain(BuildOutputs.DaemonDll, log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_with_a_malformed_body_is_400_and_never_echoes_the_pin()
    {
        await using var host = await HostProcess.StartAsync();

        using var response = await host.SendAsync(HttpMethod.Post, "/api/login", content: new StringContent("""{"phone":"+4915112345678","pin":"9876" """, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var error = JsonDocument.Parse(body).RootElement.GetProperty("error");
        Assert.Equal(-32602, error.GetProperty("code").GetInt32());
        Assert.Equal("INVALID_PARAMS", error.GetProperty("name").GetString());
        Assert.DoesNotContain("9876", body, StringComparison.Ordinal);
        Assert.DoesNotContain("9876", await host.LogAfterExitAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Daemon_application_error_becomes_its_http_status_with_code_name_message_and_retry_after()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "The stand-in daemon is a shell script.");
        using var folder = new TemporaryFolder();
        // Answers the first request, whatever it is, with RATE_LIMITED under the request's own id — and then nothing,
        // not even shutdown, for an hour: the host's stop must not wait for it.
        var daemon = StandInDaemon.Write(folder, """
            next
            printf '{"jsonrpc":"2.0","id":%s,"error":{"code":1003,"message":"Too many login attempts; wait 30 s.","data":{"reason":"TOO_MANY_REQUESTS","retry_after_s":30}}}\n' "$id"
            exec sleep 3600
            """);
        await using var host = await HostProcess.StartAsync(new Dictionary<string, string?> { ["PRISM_DAEMON_PATH"] = daemon.Path });

        using var response = await host.SendAsync(HttpMethod.Post, "/api/login", content: JsonContent.Create(new { phone = "+4915112345678", pin = "9876" }));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);
        Assert.Equal(
            """{"error":{"code":1003,"name":"RATE_LIMITED","message":"Too many login attempts; wait 30 s."}}""",
            await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.DoesNotContain("9876", await host.LogAfterExitAsync(), StringComparison.Ordinal);
        Assert.Empty(await daemon.RunningAfterAsync(ProcessProbe.ExitPatience));
    }

    [Fact]
    public async Task Without_any_daemon_the_api_answers_503_listing_every_path_tried()
    {
        // A copy of the host's build output outside the repository: no daemon beside it, above it, or from source.
        using var isolated = new TemporaryFolder();
        foreach (var file in Directory.EnumerateFiles(BuildOutputs.HostFolder))
        {
            File.Copy(file, Path.Combine(isolated.Path, Path.GetFileName(file)));
        }

        await using var host = await HostProcess.StartAsync(hostFolder: isolated.Path, workingDirectory: isolated.Path, searchForDaemon: true);

        using var response = await host.SendAsync(HttpMethod.Get, "/api/status");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("error");
        Assert.Equal("DAEMON_UNAVAILABLE", error.GetProperty("name").GetString());
        var message = error.GetProperty("message").GetString()!;
        Assert.Contains(Path.Combine(isolated.Path, "tr-daemon"), message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(isolated.Path, $"tr-daemon-{Prism.Platform.CurrentRuntime.Triple}"), message, StringComparison.Ordinal);
        Assert.Contains("src-tauri", message, StringComparison.Ordinal);
        Assert.Contains("tr-daemon.dll", message, StringComparison.Ordinal);
        Assert.Contains("dotnet build src/Prism.Daemon", message, StringComparison.Ordinal);
    }
}
