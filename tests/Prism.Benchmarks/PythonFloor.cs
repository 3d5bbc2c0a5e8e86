using System.Diagnostics;

namespace Prism.Benchmarks;

/// <summary>
/// The floors of the original Python programs, stdlib only, run with python3 exactly like the binaries: for the
/// daemon a JSON line loop that prints a ready line and answers get_status; for the host an http.server on a free
/// loopback port that prints a ready line and answers /api/health until its stdin closes.
/// </summary>
internal static class PythonFloor
{
    private const string DaemonScript = """
        import json, os, sys
        print(json.dumps({"jsonrpc": "2.0", "method": "ready", "params": {"version": "0.0.0", "pid": os.getpid(), "protocol": 1}, "status": "ready", "pid": os.getpid()}), flush=True)
        for line in sys.stdin:
            try:
                request = json.loads(line)
            except ValueError:
                continue
            if request.get("method") == "get_status":
                print(json.dumps({"jsonrpc": "2.0", "id": request.get("id"), "result": {"status": "idle", "has_saved_session": False, "version": "0.0.0"}}), flush=True)
        """;

    private const string HostScript = """
        import json, os, sys, threading
        from http.server import BaseHTTPRequestHandler, HTTPServer

        class Health(BaseHTTPRequestHandler):
            def do_GET(self):
                body = b'{"status":"ok"}'
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        server = HTTPServer(("127.0.0.1", 0), Health)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        print(json.dumps({"event": "ready", "url": f"http://127.0.0.1:{server.server_port}/", "token": "-", "pid": os.getpid(), "version": "0.0.0"}), flush=True)
        sys.stdin.read()
        server.shutdown()
        """;

    /// <summary>
    /// The interpreter behind the python3 on PATH (asked for its sys.executable, so that a version-manager
    /// shim such as pyenv's, a shell script, is not measured as Python), or null when there is none.
    /// </summary>
    public static string? FindPython()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, OperatingSystem.IsWindows() ? "python3.exe" : "python3"))
            .FirstOrDefault(File.Exists);
        if (onPath is null)
        {
            return null;
        }

        var startInfo = new ProcessStartInfo(onPath, ["-c", "import sys; print(sys.executable)"]) { RedirectStandardOutput = true };
        using var python = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {onPath}.");
        var executable = python.StandardOutput.ReadToEnd().Trim();
        python.WaitForExit();
        return File.Exists(executable) ? executable : onPath;
    }

    /// <summary>The floor for <paramref name="kind"/>, its script written to a temporary file that <see cref="Delete"/> removes.</summary>
    public static Subject For(SubjectKind kind, string python3)
    {
        var script = Path.Combine(Path.GetTempPath(), $"prism-python-floor-{kind.ToString().ToLowerInvariant()}-{Environment.ProcessId}.py");
        File.WriteAllText(script, kind == SubjectKind.Daemon ? DaemonScript : HostScript);
        return new Subject(kind, "python3 floor", python3, [script], SizeBytes: null);
    }

    public static void Delete(Subject floor) => File.Delete(floor.Arguments[0]);
}
