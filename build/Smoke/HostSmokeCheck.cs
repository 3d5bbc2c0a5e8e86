using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Prism.Pipeline.Emulation;

namespace Prism.Pipeline.Smoke;

/// <summary>
/// Starts a produced prism host as Tauri would, reads its ready line, probes the health endpoint, asks for the daemon's
/// status (which proves the host finds and drives tr-daemon in the layout it was staged in — under Wine the Windows
/// <c>.exe</c> resolution and pipes), then closes stdin: it must exit 0 and leave no process of its own behind. Under
/// qemu-user the host reaches its daemon through the session's launcher script in <c>PRISM_DAEMON_PATH</c>.
/// </summary>
internal static class HostSmokeCheck
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ExitAfterEof = TimeSpan.FromSeconds(10);

    public static async Task<SmokeResult> RunAsync(EmulationSession session, string binary, string daemonBinary, string dataDirectory, CancellationToken abort)
    {
        var (readyTimeout, exitAfterEof) = (session.Route.Allow(ReadyTimeout), session.Route.Allow(ExitAfterEof));
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var marker = RunMarker.New();
        var environment = new Dictionary<string, string> { ["PRISM_DATA_DIR"] = dataDirectory, ["PRISM_HOST_TOKEN"] = token, [marker.Name] = marker.Value };
        if (session.DaemonLauncher(daemonBinary) is { } launcher)
        {
            environment["PRISM_DAEMON_PATH"] = launcher;
        }

        var failures = new List<string>();
        TimeSpan firstReply;
        using (var host = ChildProcess.Start(session.Command(binary, ["--port", "0"]), environment, abort))
        {
            var ready = await host.ReadLineAsync(readyTimeout);
            if (ReadUrl(ready) is not { } url)
            {
                return SmokeResult.NoReadyLine(binary, readyTimeout, ready, host.StderrTail());
            }

            using var http = new HttpClient { BaseAddress = url, Timeout = session.Route.Allow(RequestTimeout) };
            var health = await http.GetAsync("api/health", abort);
            firstReply = host.SinceSpawn.Elapsed;
            if (!health.IsSuccessStatusCode)
            {
                failures.Add($"GET /api/health answered {(int)health.StatusCode}");
            }

            using var status = new HttpRequestMessage(HttpMethod.Get, "api/status") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };
            var statusReply = await http.SendAsync(status, abort);
            var statusBody = await statusReply.Content.ReadAsStringAsync(abort);
            if (!statusReply.IsSuccessStatusCode || !HasStatus(statusBody))
            {
                failures.Add($"GET /api/status answered {(int)statusReply.StatusCode}: {statusBody} (the host could not reach tr-daemon from where it was staged; stderr: {host.StderrTail()})");
            }

            host.CloseInput();
            var exitCode = await host.WaitForExitAsync(exitAfterEof);
            if (SmokeResult.ExitProblem(exitCode, exitAfterEof) is { } exitProblem)
            {
                failures.Add(exitProblem);
            }
        }

        // Once the host has exited, nothing it started may still run: Tauri does not track a sidecar's children.
        if (await marker.SurvivorsAfterAsync(exitAfterEof) is { Count: > 0 } survivors)
        {
            failures.Add($"left running after the host exited: {string.Join("; ", survivors)}");
        }

        return new SmokeResult(binary, failures.Count == 0 ? firstReply : null, failures);
    }

    /// <summary>True for a get_status result as the host relays it: an object with a status.</summary>
    private static bool HasStatus(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("status", out _);
        }
        catch (JsonException)
        {
            return false;
        }
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
