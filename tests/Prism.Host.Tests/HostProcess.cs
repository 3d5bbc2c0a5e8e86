using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Prism.TestBinaries;

namespace Prism.Host.Tests;

/// <summary>
/// The real host, started as <c>dotnet prism.dll --data-dir &lt;temp&gt;</c> (or as a published binary, natively or
/// emulated) with piped stdio: its ready line, its stderr log (kept for assertions), an HTTP client on its URL.
/// Dispose kills the host, the daemon it reported, and deletes the data folder.
/// </summary>
internal sealed partial class HostProcess : IAsyncDisposable
{
    /// <summary>Generous: a JIT host and daemon on a busy 2-core machine.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly ConcurrentQueue<string> logLines = new();
    private readonly TemporaryFolder scratch;
    private readonly PublishedHost? published;
    private Task stderrReader = Task.CompletedTask;
    private int daemonsCrashed;

    private HostProcess(Process process, TemporaryFolder scratch, PublishedHost? published, string dataFolder)
    {
        Process = process;
        this.scratch = scratch;
        this.published = published;
        DataFolder = dataFolder;
    }

    /// <summary>The data folder given with <c>--data-dir</c>, as this machine names it.</summary>
    public string DataFolder { get; }

    /// <summary>The process started: the host itself, or (emulated) the emulator running it.</summary>
    public Process Process { get; }

    /// <summary>How long a start or a wait for a log line may take: <see cref="StartTimeout"/>, or longer under emulation.</summary>
    public TimeSpan Patience => published?.Binary.StartPatience ?? StartTimeout;

    public JsonElement ReadyLine { get; private set; }

    /// <summary>The PRISM_DAEMON_PATH a published host was given (its published daemon as it must name it), else null.</summary>
    public string? DaemonPathGiven { get; private set; }

    public Uri Url => new(ReadyLine.GetProperty("url").GetString()!);

    public string Token => ReadyLine.GetProperty("token").GetString()!;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(90) };

    /// <summary>What the host (and through it its daemon) logged so far, for waits and failure messages; an assertion about the whole log uses <see cref="LogAfterExitAsync"/>.</summary>
    public string Log => string.Join(Environment.NewLine, logLines);

    /// <summary>
    /// Starts the host — <paramref name="published"/> with its published daemon, else <c>prism.dll</c> from
    /// <paramref name="hostFolder"/> (default: its build output) with the daemon of this build
    /// (<see cref="BuildOutputs.DaemonDll"/>) — and waits for its ready line. The daemon is named in
    /// <c>PRISM_DAEMON_PATH</c> unless <paramref name="environment"/> names one itself or
    /// <paramref name="searchForDaemon"/> leaves the host to find one (its from-source search would otherwise run
    /// whatever was staged last in src-tauri/binaries, not the daemon just built).
    /// </summary>
    /// <param name="appHost">Start the build output's own executable (<c>prism</c>, as <c>dotnet run</c> does) instead of <c>dotnet prism.dll</c>.</param>
    public static async Task<HostProcess> StartAsync(IReadOnlyDictionary<string, string?>? environment = null, string? hostFolder = null, string? workingDirectory = null, string[]? arguments = null, PublishedHost? published = null, bool searchForDaemon = false, bool appHost = false)
    {
        var scratch = new TemporaryFolder();
        var dataFolder = scratch.Folder("data");
        var allEnvironment = new Dictionary<string, string?>(environment ?? new Dictionary<string, string?>());
        // Unique to this host: under Wine its daemon is found by it (PublishedSidecar.OsProcessId).
        allEnvironment[PublishedSidecar.MarkerVariable] = scratch.Path;
        var daemonPath = allEnvironment.GetValueOrDefault(DaemonPathVariable)
            ?? (searchForDaemon ? null : published?.DaemonPathForHost(scratch.Path) ?? BuildOutputs.DaemonDll);
        if (daemonPath is not null)
        {
            allEnvironment[DaemonPathVariable] = daemonPath;
        }

        var dataDirectoryArgument = published?.Binary.PathSeenByBinary(dataFolder) ?? dataFolder;
        var start = Command([.. arguments ?? [], "--data-dir", dataDirectoryArgument], allEnvironment, hostFolder, workingDirectory, published, appHost);
        var host = new HostProcess(new Process { StartInfo = start }, scratch, published, dataFolder);
        host.DaemonPathGiven = daemonPath;
        host.Process.Start();
        host.stderrReader = Task.Run(async () =>
        {
            while (await host.Process.StandardError.ReadLineAsync() is { } line)
            {
                host.logLines.Enqueue(line);
            }
        });
        var line = await host.Process.StandardOutput.ReadLineAsync().WaitAsync(host.Patience);
        host.ReadyLine = line is null
            ? throw new InvalidOperationException($"prism exited before its ready line. Its log:{Environment.NewLine}{host.Log}")
            : JsonDocument.Parse(line).RootElement.Clone();
        return host;
    }

    private const string DaemonPathVariable = "PRISM_DAEMON_PATH";

    /// <summary>Runs prism with <paramref name="arguments"/> to completion: exit code, stdout, stderr.</summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] arguments) => RunAsync(null, arguments);

    /// <summary>Runs prism with <paramref name="arguments"/> and <paramref name="environment"/> to completion: exit code, stdout, stderr.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(IReadOnlyDictionary<string, string?>? environment, params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync(Command(arguments, environment, null, null, null, appHost: false), StartTimeout);
        return (result.ExitCode, result.Stdout, result.Stderr);
    }

    /// <summary>A request with the host's own Host header and, unless <paramref name="token"/> is empty, its bearer token.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token = null, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, new Uri(Url, path)) { Content = content };
        var bearer = token ?? Token;
        if (bearer.Length > 0)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return Http.SendAsync(request);
    }

    /// <summary>Waits until a log line matches <paramref name="pattern"/>; returns the match.</summary>
    public async Task<Match> WaitForLogAsync(Regex pattern, int skipMatches = 0) =>
        await Eventually.ValueAsync(() => logLines.Select(line => pattern.Match(line)).Where(found => found.Success).Skip(skipMatches).FirstOrDefault(), Patience)
        ?? throw new TimeoutException($"No log line matched {pattern} within {Patience.TotalSeconds} s. The log:{Environment.NewLine}{Log}");

    /// <summary>
    /// Everything the host logged, its daemon's lines included: returned only once the host has been stopped as its
    /// launcher stops it (stdin closed: it shuts its daemon down, then exits 0) and its stderr has been read to the
    /// end, so no line is still on its way when a test asserts what the log lacks.
    /// </summary>
    public async Task<string> LogAfterExitAsync()
    {
        if (!Process.HasExited)
        {
            Process.StandardInput.Close();
        }

        try
        {
            await Process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(Patience, TestContext.Current.CancellationToken);
            await stderrReader.WaitAsync(Patience, TestContext.Current.CancellationToken);
        }
        catch (TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"prism did not exit and end its log within {Patience.TotalSeconds} s of its stdin closing. The log so far:{Environment.NewLine}{Log}");
        }

        Assert.True(Process.ExitCode == 0, $"prism exited with {Process.ExitCode} after its stdin closed. Its log:{Environment.NewLine}{Log}");
        return Log;
    }

    /// <summary>Kills the daemon the host runs now, as a crash would, and waits until it is gone; returns this machine's pid of it.</summary>
    public async Task<int> CrashDaemonAsync()
    {
        var pid = await DaemonOsPidAsync(nth: daemonsCrashed);
        ProcessProbe.KillIfRunning(pid);
        Assert.True(await ProcessProbe.WaitUntilGoneAsync(pid, TimeSpan.FromSeconds(10)), $"tr-daemon (pid {pid}) outlived its kill");
        daemonsCrashed++;
        return pid;
    }

    /// <summary>The pid the <paramref name="nth"/> daemon the host reported ready (0 = the first) announced — under Wine its Windows pid.</summary>
    public async Task<int> DaemonPidAsync(int nth = 0) =>
        int.Parse((await WaitForLogAsync(DaemonReady(), nth)).Groups["pid"].Value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>This machine's pid of the <paramref name="nth"/> daemon, to kill it or watch it go; it must be running.</summary>
    public async Task<int> DaemonOsPidAsync(int nth = 0)
    {
        var reported = await DaemonPidAsync(nth);
        var pid = DaemonOsPid(reported);
        Assert.True(pid is not null, $"The daemon the host reported (pid {reported}) runs as no process of this machine. The log:{Environment.NewLine}{Log}");
        return pid.Value;
    }

    public async ValueTask DisposeAsync()
    {
        // Before the host goes: under Wine the daemon is found through the marker the host passed on, while it runs.
        var daemonPids = logLines.Select(line => DaemonReady().Match(line)).Where(match => match.Success)
            .Select(match => DaemonOsPid(int.Parse(match.Groups["pid"].Value, System.Globalization.CultureInfo.InvariantCulture)))
            .OfType<int>().ToList();
        KillQuietly(Process);
        foreach (var pid in daemonPids)
        {
            ProcessProbe.KillIfRunning(pid);
        }

        await stderrReader.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        Process.Dispose();
        Http.Dispose();
        scratch.Dispose();
    }

    /// <summary>This machine's pid for a daemon pid the host logged (natively and under qemu the same number), or null when it is not running.</summary>
    private int? DaemonOsPid(int reported) => published is null ? reported : published.Daemon.OsProcessId(reported, scratch.Path);

    private static ProcessStartInfo Command(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?>? environment, string? hostFolder, string? workingDirectory, PublishedHost? published, bool appHost)
    {
        ProcessStartInfo start;
        if (published is not null)
        {
            start = published.Binary.StartInfo(arguments);
        }
        else if (appHost)
        {
            start = new ProcessStartInfo(Path.Combine(hostFolder ?? BuildOutputs.HostFolder, OperatingSystem.IsWindows() ? "prism.exe" : "prism"), arguments)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
        }
        else
        {
            start = new ProcessStartInfo(DotnetHost.Path)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(Path.Combine(hostFolder ?? BuildOutputs.HostFolder, "prism.dll"));
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
        }

        start.WorkingDirectory = workingDirectory ?? BuildOutputs.HostFolder;

        // The tests decide these; whatever the machine running them has set must not leak in.
        foreach (var variable in new[] { "PRISM_HOST_TOKEN", "PRISM_DAEMON_PATH", "PRISM_DATA_DIR", "PRISM_LOG_LEVEL" })
        {
            start.Environment.Remove(variable);
        }

        // A null value removes the variable.
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        return start;
    }

    private static void KillQuietly(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    [GeneratedRegex(@"tr-daemon \S+ is ready \(pid (?<pid>\d+)")]
    private static partial Regex DaemonReady();
}

/// <summary>Looks at processes by id.</summary>
internal static class ProcessProbe
{
    /// <summary>
    /// How long a process that should end (a daemon whose host is gone) may take, on a busy 2-core machine: the claim
    /// is that it ends, not how fast; an orphan would still run after it. Speed is the Benchmark target's.
    /// </summary>
    public static readonly TimeSpan ExitPatience = TimeSpan.FromSeconds(30);

    /// <summary>True while the process exists and is not a zombie (an exited child nobody reaped yet counts as gone).</summary>
    public static bool IsRunning(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (OperatingSystem.IsLinux())
        {
            try
            {
                var text = File.ReadAllText(stat);
                var state = text[(text.LastIndexOf(')') + 2)..].FirstOrDefault();
                return state is not ('Z' or 'X');
            }
            catch (IOException)
            {
                return false;
            }
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Polls until the process is gone; false if it still runs after <paramref name="timeout"/>.</summary>
    public static Task<bool> WaitUntilGoneAsync(int pid, TimeSpan timeout) => Eventually.HoldsAsync(() => !IsRunning(pid), timeout);

    public static void KillIfRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
        {
            // Gone already.
        }
    }
}
