using System.Diagnostics;

namespace Prism.Benchmarks;

/// <summary>
/// The floor of the original Python daemon: a stdlib-only JSON line loop that prints a ready line and answers
/// get_status. Written to a temporary file and run with python3 exactly like the binaries.
/// </summary>
internal static class PythonFloor
{
    private const string Script = """
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

    /// <summary>Writes the loop to a temporary file and returns its path.</summary>
    public static string WriteScript()
    {
        var path = Path.Combine(Path.GetTempPath(), $"prism-python-floor-{Environment.ProcessId}.py");
        File.WriteAllText(path, Script);
        return path;
    }
}
