using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;

namespace Prism.Pipeline.Smoke;

/// <summary>
/// Starts a produced prism host as Tauri would, reads its ready line, probes the health endpoint, asks for the daemon's
/// status (which proves the host finds tr-daemon in the layout it was staged in), then closes stdin: it must exit 0.
/// </summary>
internal static class HostSmokeTest
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan ExitAfterEof = TimeSpan.FromSeconds(10);

    public static async Task<SmokeResult> RunAsync(string binary, string dataDirectory)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var environment = new Dictionary<string, string> { ["PRISM_DATA_DIR"] = dataDirectory, ["PRISM_HOST_TOKEN"] = token };
        using var host = ChildProcess.Start(binary, ["--port", "0"], environment);
        var ready = await host.ReadLineAsync(ReadyTimeout);
        if (ReadUrl(ready) is not { } url)
        {
            return new SmokeResult(binary, null, [$"no ready line within {ReadyTimeout.TotalSeconds:0} s (got: {ready ?? "nothing"}; stderr: {host.StderrTail()})"]);
        }

        var failures = new List<string>();
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        var health = await http.GetAsync("api/health");
        var firstReply = host.SinceSpawn.Elapsed;
        if (!health.IsSuccessStatusCode)
        {
            failures.Add($"GET /api/health answered {(int)health.StatusCode}");
        }

        using var status = new HttpRequestMessage(HttpMethod.Get, "api/status") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };
        var statusReply = await http.SendAsync(status);
        if (!statusReply.IsSuccessStatusCode)
        {
            failures.Add($"GET /api/status answered {(int)statusReply.StatusCode}: {await statusReply.Content.ReadAsStringAsync()} (the host could not reach tr-daemon from where it was staged)");
        }

        host.CloseInput();
        var exitCode = await host.WaitForExitAsync(ExitAfterEof);
        if (exitCode != 0)
        {
            failures.Add(exitCode is null ? $"still running {ExitAfterEof.TotalSeconds:0} s after stdin closed" : $"exit code {exitCode} after stdin closed, expected 0");
        }

        return new SmokeResult(binary, failures.Count == 0 ? firstReply : null, failures);
    }

    private static Uri? ReadUrl(string? line)
    {
        try
        {
            using var document = JsonDocument.Parse(line ?? "");
            var root = document.RootElement;
            return root.GetProperty("event").GetString() == "ready" ? new Uri(root.GetProperty("url").GetString()!) : null;
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or UriFormatException)
        {
            return null;
        }
    }
}
