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

    /// <summary>The python3 on PATH, or null when there is none.</summary>
    public static string? FindPython() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, OperatingSystem.IsWindows() ? "python3.exe" : "python3"))
            .FirstOrDefault(File.Exists);

    /// <summary>Writes the loop to a temporary file and returns its path.</summary>
    public static string WriteScript()
    {
        var path = Path.Combine(Path.GetTempPath(), $"prism-python-floor-{Environment.ProcessId}.py");
        File.WriteAllText(path, Script);
        return path;
    }
}
