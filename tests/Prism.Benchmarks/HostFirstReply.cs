using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Prism.Benchmarks;

/// <summary>
/// One host run: spawn with <c>--port 0</c>, read the ready line's URL, stop the clock when <c>GET /api/health</c>
/// has answered 200 — what a Tauri window waits for before it can show the page.
/// </summary>
internal static class HostFirstReply
{
    // One client for every run, so that only the first (unmeasured) run pays for setting up HttpClient itself;
    // each run is a new port, hence a new connection.
    private static readonly HttpClient Client = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };

    public static double Measure(Subject host)
    {
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(host.StartInfo("--port", "0")) ?? throw new InvalidOperationException($"Could not start {host.FileName}.");
        var readyLine = process.StandardOutput.ReadLine()
            ?? throw new InvalidOperationException($"{host.Label} ({host.FileName}) closed stdout without a ready line.");
        using var health = Client.Send(new HttpRequestMessage(HttpMethod.Get, new Uri(ReadyUrl(readyLine, host), "api/health")));
        health.Content.ReadAsStream().CopyTo(Stream.Null);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        if (health.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{host.Label}: GET /api/health answered {(int)health.StatusCode}, not 200.");
        }

        ColdStart.EndByStdinEof(process, host);
        return elapsed;
    }

    private static Uri ReadyUrl(string readyLine, Subject host)
    {
        using var ready = JsonDocument.Parse(readyLine);
        return ready.RootElement.TryGetProperty("url", out var url) && Uri.TryCreate(url.GetString(), UriKind.Absolute, out var uri)
            ? uri
            : throw new InvalidOperationException($"{host.Label}: the first stdout line is not a ready line with a url: {readyLine}");
    }
}
