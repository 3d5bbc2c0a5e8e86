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
    /// shim such as pyenv's, a shell script, is not measured as Python), or null when there is none. On Windows
    /// python.org installs only python.exe, and the python3.exe/python.exe in WindowsApps may be the Microsoft
    /// Store's stand-in, which exits 9009 instead of running: such a candidate is passed over.
    /// </summary>
    public static string? FindPython()
    {
        string[] names = OperatingSystem.IsWindows() ? ["python3.exe", "python.exe"] : ["python3"];
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(folder => names.Select(name => Path.Combine(folder, name)))
            .Where(File.Exists);
        return candidates.Select(Interpreter).FirstOrDefault(found => found is not null);
    }

    /// <summary>The sys.executable of <paramref name="candidate"/>, or null when it does not run Python.</summary>
    private static string? Interpreter(string candidate)
    {
        var startInfo = new ProcessStartInfo(candidate, ["-c", "import sys; print(sys.executable)"]) { RedirectStandardOutput = true };
        using var python = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {candidate}.");
        var executable = python.StandardOutput.ReadToEnd().Trim();
        python.WaitForExit();
        return python.ExitCode != 0 ? null : File.Exists(executable) ? executable : candidate;
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
