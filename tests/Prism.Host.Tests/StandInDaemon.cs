using Prism.TestBinaries;

namespace Prism.Host.Tests;

/// <summary>
/// A stand-in for tr-daemon that sends the contract's ready line and then plays a part the real one cannot be made
/// to show — a wedged daemon above all. Natively (and under qemu-user, whose emulated host execs a script like any
/// other) it is a shell script whose part is written in shell; under Wine it is a batch file that Wine's cmd runs.
/// Each start counts itself, and everything a stand-in started can be found afterwards (<see cref="Running"/>), so a
/// test can tell which instance answered and whether one outlived its kill.
/// </summary>
internal sealed class StandInDaemon
{
    private const string WedgedProgram = "wedged-daemon.exe";

    private readonly string state;

    private StandInDaemon(string path, string pathForHost, string state)
    {
        Path = path;
        PathForHost = pathForHost;
        this.state = state;
    }

    /// <summary>The stand-in on this machine.</summary>
    public string Path { get; }

    /// <summary>The stand-in as the host names it in <c>PRISM_DAEMON_PATH</c> (under Wine its <c>Z:\…</c> path).</summary>
    public string PathForHost { get; }

    /// <summary>
    /// A shell stand-in at <paramref name="name"/> in <paramref name="folder"/>. <paramref name="body"/> runs after the
    /// ready line (which carries the script's own pid) and sees <c>$n</c>, 1 for the first process started from the
    /// script, 2 for its replacement …, <c>$state</c>, a folder of its own, and two shell functions: <c>next</c> reads the
    /// next request line into <c>$request</c> (and its id into <c>$id</c>; the id of a <c>$/cancelRequest</c> is the
    /// cancelled call's), ending the script at end of input; <c>answer JSON</c> replies to that request with JSON as its result.
    /// </summary>
    /// <param name="beforeReady">Shell run before the ready line, e.g. a <c>sleep</c> for a slow start.</param>
    public static StandInDaemon Write(TemporaryFolder folder, string body, string name = "tr-daemon", string beforeReady = "")
    {
        var state = folder.Folder(name + ".state");
        var path = folder.Script(name, $$"""
            state='{{state}}'
            n=$(( $(cat "$state/started" 2>/dev/null || echo 0) + 1 ))
            echo "$n" > "$state/started"
            echo "$$" > "$state/pid-$n"
            next() {
                IFS= read -r request || exit 0
                printf '%s\n' "$request" >> "$state/requests-$n"
                id=$(printf '%s' "$request" | sed -n 's/.*"id":\([0-9][0-9]*\).*/\1/p')
            }
            answer() { printf '{"jsonrpc":"2.0","id":%s,"result":%s}\n' "$id" "$1"; }
            {{beforeReady}}
            printf '%s\n' '{{ReadyLine("'\"$$\"'")}}'
            {{body}}
            """);
        return new StandInDaemon(path, path, state);
    }

    /// <summary>The contract's ready line (daemon-protocol.md) with <paramref name="pid"/> written in as it stands.</summary>
    private static string ReadyLine(string pid) =>
        $$"""{"jsonrpc":"2.0","method":"ready","params":{"version":"0.1.0","pid":{{pid}},"protocol":1},"status":"ready","pid":{{pid}}}""";

    /// <summary>
    /// A stand-in for a Windows host under Wine, where a Unix script cannot be a child (Wine execs it detached, with
    /// no process handle or pipes): a batch file that Wine's cmd runs. Its first instance sends the ready line and then
    /// runs a copy of <paramref name="host"/>'s published prism as <c>wedged-daemon.exe</c> — a program that reads its
    /// stdin (only to notice its end), writes nothing to stdout and exits only at end of input, so every call stays
    /// unanswered. Any later instance runs the published tr-daemon, which serves.
    /// </summary>
    public static StandInDaemon WriteForWine(TemporaryFolder folder, PublishedHost host)
    {
        var state = folder.Folder("tr-daemon.state");
        File.Copy(host.Binary.Path, System.IO.Path.Combine(state, WedgedProgram));
        string[] lines =
        [
            "@echo off",
            "if exist \"%~dp0started-1\" goto replacement",
            "echo 1>\"%~dp0started-1\"",
            $"echo {ReadyLine("1")}",
            $"\"%~dp0{WedgedProgram}\" --port 0 >nul",
            "exit /b 0",
            ":replacement",
            "echo 1>\"%~dp0started-2\"",
            $"\"{host.Binary.PathSeenByBinary(host.Daemon.Path)}\"",
        ];
        var path = System.IO.Path.Combine(state, "tr-daemon.cmd");
        File.WriteAllText(path, string.Join("\r\n", lines) + "\r\n");
        return new StandInDaemon(path, host.Binary.PathSeenByBinary(path), state);
    }

    /// <summary>How many processes were started from the stand-in so far.</summary>
    public int Started
    {
        get
        {
            var counter = System.IO.Path.Combine(state, "started");
            return File.Exists(counter)
                ? int.Parse(File.ReadAllText(counter).Trim(), System.Globalization.CultureInfo.InvariantCulture)
                : Directory.EnumerateFiles(state, "started-*").Count();
        }
    }

    /// <summary>The request lines the <paramref name="instance"/>th shell stand-in read so far (each recorded before it is answered).</summary>
    public IReadOnlyList<string> Requests(int instance)
    {
        var file = System.IO.Path.Combine(state, $"requests-{instance}");
        return File.Exists(file) ? File.ReadAllLines(file) : [];
    }

    /// <summary>The pid of the <paramref name="instance"/>th shell stand-in (1 = the first): written before its ready line.</summary>
    public int Pid(int instance) =>
        int.Parse(File.ReadAllText(System.IO.Path.Combine(state, $"pid-{instance}")).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The processes of this machine that belong to the stand-in and still run: each shell instance by its pid, and
    /// every process whose command line names the stand-in's folder — under Wine, Wine's cmd running the batch file and
    /// the wedged program, which Wine shows by their Windows paths. With <paramref name="firstInstanceOnly"/>, only the
    /// first shell instance, or under Wine the wedged program only the first instance runs.
    /// </summary>
    public IReadOnlyList<int> Running(bool firstInstanceOnly = false)
    {
        var pids = Directory.EnumerateFiles(state, firstInstanceOnly ? "pid-1" : "pid-*")
            .Select(file => int.Parse(File.ReadAllText(file).Trim(), System.Globalization.CultureInfo.InvariantCulture))
            .ToHashSet();
        if (OperatingSystem.IsLinux())
        {
            var named = firstInstanceOnly ? System.IO.Path.Combine(state, WedgedProgram) : state;
            string[] names = [named, WinePaths.ToWindows(named)];
            foreach (var folder in Directory.EnumerateDirectories("/proc"))
            {
                if (int.TryParse(System.IO.Path.GetFileName(folder), out var pid) && CommandLine(pid) is { } commandLine
                    && names.Any(name => commandLine.Contains(name, StringComparison.OrdinalIgnoreCase)))
                {
                    pids.Add(pid);
                }
            }
        }

        return [.. pids.Where(ProcessProbe.IsRunning).Order()];
    }

    /// <summary>
    /// Polls until nothing of the stand-in (or of its first instance) runs; returns what still runs after
    /// <paramref name="timeout"/>, killed so that no test leaves it behind.
    /// </summary>
    public async Task<IReadOnlyList<int>> RunningAfterAsync(TimeSpan timeout, bool firstInstanceOnly = false)
    {
        await Eventually.HoldsAsync(() => Running(firstInstanceOnly).Count == 0, timeout);
        var running = Running(firstInstanceOnly);
        foreach (var pid in running)
        {
            ProcessProbe.KillIfRunning(pid);
        }

        return running;
    }

    private static string? CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
