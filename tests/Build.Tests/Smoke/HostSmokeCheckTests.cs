using Prism.Pipeline.Emulation;
using Prism.Pipeline.Smoke;
using Prism.Pipeline.Tools;
using Prism.Platform;

namespace Prism.Pipeline.Tests.Smoke;

/// <summary>
/// The host smoke check against stand-in hosts (Python stdlib programs that answer like prism: ready line, health,
/// status, exit 0 on stdin EOF) that differ in one thing: whether they stop the child process they started.
/// </summary>
public sealed class HostSmokeCheckTests : IDisposable
{
    // A host that starts a long-running child (standing for its daemon) and, on stdin EOF, either stops it or not.
    private const string StandInHost = """
        #!/usr/bin/env python3
        import json, os, subprocess, sys, threading
        from http.server import BaseHTTPRequestHandler, HTTPServer

        class Api(BaseHTTPRequestHandler):
            def do_GET(self):
                body = b'{"status":"ok"}' if self.path == "/api/health" else b'{"status":"idle","has_saved_session":false,"version":"0.0.0"}'
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        server = HTTPServer(("127.0.0.1", 0), Api)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        child = subprocess.Popen(["sleep", "300"], start_new_session=True)
        print(json.dumps({"event": "ready", "url": f"http://127.0.0.1:{server.server_port}/", "token": "-", "pid": os.getpid(), "version": "0.0.0"}), flush=True)
        sys.stdin.read()
        STOP
        """;

    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    private async Task<SmokeResult> SmokeAsync(bool stopsItsChild)
    {
        Assert.SkipUnless(RunMarker.CanScan, "processes left behind are found through /proc (Linux)");
        Assert.SkipWhen(ExecutableSearch.Find("python3") is null, "the stand-in host is a python3 program");
        var host = Path.Combine(folder.Path, "prism");
        new AtomicFile().WriteAllBytes(host, System.Text.Encoding.UTF8.GetBytes(StandInHost.Replace("STOP", stopsItsChild ? "child.kill(); child.wait()" : "pass", StringComparison.Ordinal)), FileModes.Executable);
        await using var session = await EmulationSession.StartAsync(ExecutionRoute.Native(CurrentRuntime.Triple), TestContext.Current.CancellationToken);
        return await HostSmokeCheck.RunAsync(session, host, Path.Combine(folder.Path, "tr-daemon"), folder.Path, CancellationToken.None);
    }

    [Fact]
    public async Task A_host_that_stops_what_it_started_passes()
    {
        var result = await SmokeAsync(stopsItsChild: true);

        Assert.True(result.Passed, string.Join("; ", result.Failures));
    }

    [Fact]
    public async Task A_host_that_exits_leaving_its_child_running_fails_naming_the_child_and_the_child_is_stopped()
    {
        var result = await SmokeAsync(stopsItsChild: false);

        var failure = Assert.Single(result.Failures);
        Assert.Matches(@"^left running after the host exited: pid (\d+): sleep 300$", failure);
        var pid = int.Parse(System.Text.RegularExpressions.Regex.Match(failure, @"pid (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        // The check kills what it found; a kill takes effect soon, but not at once on a loaded machine. The claim is
        // that it ends (an orphan would still run after the bound), not how fast.
        var stillRunning = () => File.Exists($"/proc/{pid}/cmdline") && File.ReadAllText($"/proc/{pid}/cmdline").StartsWith("sleep", StringComparison.Ordinal);
        Assert.True(await Eventually.HoldsAsync(() => !stillRunning(), TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken), $"pid {pid} is still running 30 s after the smoke check");
    }
}
