using System.Diagnostics;
using System.Text;

namespace Prism.Daemon.Tests.Support;

/// <summary>
/// How to start a daemon: a data folder the caller owns (kept across restarts), extra environment variables,
/// whether its stderr is read from the start (false: piped and left unread, as a careless parent does, until
/// <see cref="DaemonProcess.StartReadingStderr"/>), and whether its stdin is a file opened for writing only — a
/// descriptor every read of which fails (EBADF), as a parent's mistake can leave it (Unix only: <c>/bin/sh</c> opens it).
/// </summary>
internal sealed record DaemonSetup(string? DataDirectory = null, IReadOnlyDictionary<string, string>? Environment = null, bool ReadStderr = true, bool WriteOnlyStdin = false);

/// <summary>
/// A running tr-daemon with raw pipes: bytes go to its stdin, LF-terminated lines come from its stdout.
/// Every wait is bounded so a hung daemon fails the test; Dispose kills the process if it is still running.
/// </summary>
internal sealed class DaemonProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly Stream stdin;
    private readonly Stream stdout;
    private readonly StringBuilder stderr = new();
    private readonly string dataDirectory;
    private readonly bool ownsDataDirectory;
    private readonly byte[] readBuffer = new byte[64 * 1024];
    private int readStart;
    private int readEnd;

    private readonly CancellationToken testCancelled;

    /// <summary>Reads stderr to its end into <see cref="stderr"/>; null until reading starts.</summary>
    private Task? stderrReader;

    private DaemonProcess(Process process, DaemonTarget target, string dataDirectory, bool ownsDataDirectory, bool readStderr, CancellationToken testCancelled)
    {
        this.process = process;
        Target = target;
        this.testCancelled = testCancelled;
        this.dataDirectory = dataDirectory;
        this.ownsDataDirectory = ownsDataDirectory;
        stdin = process.StandardInput.BaseStream;
        stdout = process.StandardOutput.BaseStream;
        if (readStderr)
        {
            StartReadingStderr();
        }
    }

    /// <summary>This machine's pid of the process started (under Wine the Linux process; the daemon reports its Windows pid).</summary>
    public int Id => process.Id;

    public DaemonTarget Target { get; }

    /// <summary>How long each wait may take: generous natively (a cold JIT start on a busy 2-core CI machine takes seconds), more under emulation.</summary>
    public TimeSpan Patience => Target.Patience;

    /// <summary>The data folder as the daemon was given it in PRISM_DATA_DIR (Wine: <c>Z:\…</c>).</summary>
    public string DataDirectorySeenByDaemon => Target.PathSeenByDaemon(dataDirectory);

    public bool HasExited => process.HasExited;

    /// <summary>What the daemon logged so far, for failure messages; an assertion about the whole log uses <see cref="StderrAfterExitAsync"/>.</summary>
    public string Stderr
    {
        get
        {
            lock (stderr)
            {
                return stderr.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="target"/> with its own empty data folder; every wait ends when <paramref name="testCancelled"/> fires.</summary>
    public static DaemonProcess Start(DaemonTarget target, CancellationToken testCancelled, params string[] arguments) =>
        Start(target, new DaemonSetup(), testCancelled, arguments);

    /// <summary>Starts <paramref name="target"/> as <paramref name="setup"/> says; every wait ends when <paramref name="testCancelled"/> fires.</summary>
    public static DaemonProcess Start(DaemonTarget target, DaemonSetup setup, CancellationToken testCancelled, params string[] arguments)
    {
        var dataDirectory = setup.DataDirectory ?? Directory.CreateTempSubdirectory("prism-daemon-test-").FullName;
        var startInfo = target.StartInfo(arguments);
        startInfo.Environment["PRISM_DATA_DIR"] = target.PathSeenByDaemon(dataDirectory);
        startInfo.Environment["PRISM_LOG_LEVEL"] = "Debug";
        // Never the internet: unless a test points the daemon at its fake Trade Republic, a login goes to a
        // closed local port (discard, 9) and fails at once.
        startInfo.Environment["PRISM_TR_API_URL"] = "http://127.0.0.1:9";
        startInfo.Environment["PRISM_TR_WS_URL"] = "ws://127.0.0.1:9";
        foreach (var (name, value) in setup.Environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        if (setup.WriteOnlyStdin)
        {
            RedirectStdinToWriteOnlyFile(startInfo, Path.Combine(dataDirectory, "stdin-write-only"));
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {string.Join(' ', target.Command)}.");
        return new DaemonProcess(process, target, dataDirectory, ownsDataDirectory: setup.DataDirectory is null, setup.ReadStderr, testCancelled);
    }

    /// <summary>The same command started by <c>/bin/sh</c>, which replaces its stdin with <paramref name="file"/> opened for appending only (<c>0&gt;&gt;</c>).</summary>
    private static void RedirectStdinToWriteOnlyFile(ProcessStartInfo startInfo, string file)
    {
        string[] command = [startInfo.FileName, .. startInfo.ArgumentList];
        startInfo.FileName = "/bin/sh";
        startInfo.ArgumentList.Clear();
        foreach (var argument in (string[])["-c", "exec \"$@\" 0>>\"$PRISM_TEST_STDIN_FILE\"", "sh", .. command])
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["PRISM_TEST_STDIN_FILE"] = file;
    }

    /// <summary>Starts the daemon and reads its ready line.</summary>
    public static Task<DaemonProcess> StartReadyAsync(DaemonTarget target, CancellationToken testCancelled) =>
        StartReadyAsync(target, new DaemonSetup(), testCancelled);

    /// <summary>Starts the daemon as <paramref name="setup"/> says and reads its ready line.</summary>
    public static async Task<DaemonProcess> StartReadyAsync(DaemonTarget target, DaemonSetup setup, CancellationToken testCancelled)
    {
        var daemon = Start(target, setup, testCancelled);
        var ready = await daemon.ReadLineAsync();
        Assert.True(ready is not null && ready.Contains("\"method\":\"ready\"", StringComparison.Ordinal), $"Expected the ready line first, got: {ready ?? "<end of output>"}\n{daemon.Stderr}");
        return daemon;
    }

    public Task SendLineAsync(string line) => SendAsync(Encoding.UTF8.GetBytes(line + "\n"));

    public async Task SendAsync(byte[] bytes)
    {
        await stdin.WriteAsync(bytes, testCancelled).AsTask().WaitAsync(Patience, testCancelled);
        await stdin.FlushAsync(testCancelled).WaitAsync(Patience, testCancelled);
    }

    /// <summary>Writes <paramref name="bytes"/> with no time limit: for a test that expects the daemon to stop reading and bounds the wait itself.</summary>
    public async Task SendUnboundedAsync(byte[] bytes)
    {
        await stdin.WriteAsync(bytes, testCancelled);
        await stdin.FlushAsync(testCancelled);
    }

    /// <summary>Starts reading stderr, for a daemon started with <see cref="DaemonSetup.ReadStderr"/> false.</summary>
    public void StartReadingStderr() => stderrReader ??= Task.Run(async () =>
    {
        while (await process.StandardError.ReadLineAsync(CancellationToken.None) is { } line)
        {
            lock (stderr)
            {
                stderr.AppendLine(line);
            }
        }
    });

    /// <summary>
    /// Everything the daemon wrote to stderr: returned only once it has exited (the caller ended it) and its stderr
    /// has been read to the end, so no line is still on its way when a test asserts what the log lacks.
    /// </summary>
    public async Task<string> StderrAfterExitAsync()
    {
        var reader = stderrReader ?? throw new InvalidOperationException("stderr is not being read; call StartReadingStderr first.");
        await WaitForExitAsync();
        try
        {
            await reader.WaitAsync(Patience, testCancelled);
        }
        catch (TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"tr-daemon exited, but its stderr did not end within {Patience.TotalSeconds} s (a process it started still holds it open?).\nstderr so far:\n{Stderr}");
        }

        return Stderr;
    }

    /// <summary>Waits until stderr has a line containing <paramref name="text"/> (log lines are written asynchronously, so one may follow the reply it belongs to).</summary>
    public async Task<string> WaitForStderrLineAsync(string text) =>
        await Eventually.ValueAsync(() => Stderr.Split('\n').FirstOrDefault(line => line.Contains(text, StringComparison.Ordinal)), Patience, testCancelled)
        ?? throw new Xunit.Sdk.XunitException($"stderr has no line with '{text}' after {Patience.TotalSeconds} s.\nstderr:\n{Stderr}");

    /// <summary>Closes the test's end of the daemon's stdout, as a client that stops listening does.</summary>
    public async Task CloseOutputAsync() => await stdout.DisposeAsync().AsTask().WaitAsync(Patience, testCancelled);

    /// <summary>Closes the daemon's stdin (end of input).</summary>
    public async Task CloseInputAsync() => await stdin.DisposeAsync().AsTask().WaitAsync(Patience, testCancelled);

    /// <summary>The next stdout line without its LF (a CR before it stays, so tests can see it), or null at end of output.</summary>
    public async Task<string?> ReadLineAsync()
    {
        var line = new MemoryStream();
        while (true)
        {
            if (readStart == readEnd)
            {
                readStart = 0;
                readEnd = await stdout.ReadAsync(readBuffer, testCancelled).AsTask().WaitAsync(Patience, testCancelled);
                if (readEnd == 0)
                {
                    return line.Length == 0 ? null : Encoding.UTF8.GetString(line.ToArray());
                }
            }

            var available = readBuffer.AsSpan(readStart, readEnd - readStart);
            var newline = available.IndexOf((byte)'\n');
            line.Write(newline < 0 ? available : available[..newline]);
            readStart += newline < 0 ? available.Length : newline + 1;
            if (newline >= 0)
            {
                return Encoding.UTF8.GetString(line.ToArray());
            }
        }
    }

    /// <summary>Reads stdout lines until one is the reply with <paramref name="id"/>; returns all lines read.</summary>
    public async Task<List<string>> ReadUntilReplyAsync(string idJson)
    {
        var lines = new List<string>();
        while (true)
        {
            var line = await ReadLineAsync() ?? throw new Xunit.Sdk.XunitException($"Output ended before the reply with id {idJson}.\nstderr:\n{Stderr}");
            lines.Add(line);
            if (line.Contains($"\"id\":{idJson}", StringComparison.Ordinal))
            {
                return lines;
            }
        }
    }

    /// <summary>Reads the remaining stdout until the daemon closes it.</summary>
    public async Task<List<string>> ReadToEndAsync()
    {
        var lines = new List<string>();
        while (await ReadLineAsync() is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }

    /// <summary>Waits for the daemon to exit and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync()
    {
        try
        {
            await process.WaitForExitAsync(testCancelled).WaitAsync(Patience, testCancelled);
        }
        catch (TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"tr-daemon did not exit within {Patience.TotalSeconds} s.\nstderr:\n{Stderr}");
        }

        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(Patience, CancellationToken.None);
        }

        process.Dispose();
        if (ownsDataDirectory)
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
