using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Playwright;
using Prism.FakeTradeRepublic;
using Prism.Platform;
using Prism.TestBinaries;

namespace Prism.Host.Tests;

/// <summary>
/// The README's "In your Tauri app" recipe, played step by step as the app's Rust side does it, on the published
/// binaries laid out as a Tauri bundle ships them: <c>prism</c> and <c>tr-daemon</c> side by side, triple stripped,
/// no <c>PRISM_DAEMON_PATH</c> — so the published host must find its daemon by the bundled name. Natively and under
/// Wine (<c>prism.exe</c> and <c>tr-daemon.exe</c>, prism started by Wine's command) the bundle is the real one;
/// under qemu-user it cannot be (<see cref="QemuUserCannotStartTheBundledDaemon"/>), and a separately named variant
/// puts a launcher script under the daemon's bundled name instead.
/// </summary>
public sealed class TauriLauncherTests
{
    /// <summary>The <c>externalBin</c> file name the recipe passes to <c>sidecar(..)</c>.</summary>
    private const string HostSidecar = "prism";

    private const string NoQemuUserHostListed = "published for qemu-user (none listed)";

    /// <summary>
    /// Why the bundle itself cannot run under qemu-user, checked by hand with this machine's qemu-aarch64 7.2: prism,
    /// emulated, starts the <c>tr-daemon</c> next to it with a plain exec; qemu hands an emulated process's execve to
    /// this machine's kernel, which refuses an aarch64 ELF unless binfmt_misc passes it to qemu — and qemu-user has no
    /// option or QEMU_* variable that emulates a child's exec (-L, -E, -0 and the rest shape only its own process).
    /// </summary>
    private const string QemuUserCannotStartTheBundledDaemon =
        "under qemu-user the bundled tr-daemon cannot start: the emulated prism's exec of the aarch64 daemon goes to this machine's kernel, which refuses it " +
        "(ENOEXEC, \"Exec format error\") without a binfmt_misc registration (kernel-wide state the build and tests never set up), and qemu-user has no " +
        "option or QEMU_* variable that makes a child's exec emulated. " +
        nameof(Under_qemu_user_the_recipe_runs_with_a_qemu_launcher_script_as_the_bundled_tr_daemon) + " plays the recipe with a launcher script in the daemon's place.";

    public static TheoryData<string> Binaries => PublishedHost.Labels;

    /// <summary>The rows of the qemu-user variant: the listed hosts that run under qemu-user, or one row that skips, saying why.</summary>
    public static TheoryData<string> QemuUserBinaries
    {
        get
        {
            var labels = PublishedSidecars.Hosts.Where(host => host.Emulator is { IsQemuUser: true }).Select(host => host.Label).ToList();
            return labels.Count == 0 ? new TheoryData<string> { NoQemuUserHostListed } : new TheoryData<string>(labels);
        }
    }

    [Theory]
    [MemberData(nameof(Binaries))]
    public async Task The_recipe_shows_the_login_form_signs_in_and_leaves_no_process_after_stdin_closes(string binary)
    {
        var published = PublishedHost.Resolve(binary);
        Assert.SkipWhen(published.Binary.Emulator is { IsQemuUser: true }, $"{binary}: {QemuUserCannotStartTheBundledDaemon}");
        HeadlessChromium.SkipUnlessInstalled();
        using var bundle = TauriBundle.LayOut(published);
        await PlayTheRecipeAsync(published, bundle);
    }

    /// <summary>
    /// The recipe under qemu-user with one thing changed: the bundle's <c>tr-daemon</c> is a launcher script that runs
    /// qemu on the published daemon (copied into the bundle), standing in for the binfmt_misc registration this machine
    /// must not make. The rest is the recipe's: prism spawned by its bundled name (through qemu, as binfmt_misc would),
    /// no <c>PRISM_DAEMON_PATH</c>, the daemon found by its bundled name next to prism and ended when stdin closes.
    /// What this does not show is that the file found there may be the aarch64 daemon itself.
    /// </summary>
    [Theory]
    [MemberData(nameof(QemuUserBinaries))]
    public async Task Under_qemu_user_the_recipe_runs_with_a_qemu_launcher_script_as_the_bundled_tr_daemon(string binary)
    {
        Assert.SkipWhen(binary == NoQemuUserHostListed, $"No prism that runs under qemu-user is listed, so this variant has nothing to run. {PublishedSidecars.HowToList} " +
            "The build's Test target lists linux-arm64 when qemu-aarch64 is installed.");
        var published = PublishedHost.Resolve(binary);
        HeadlessChromium.SkipUnlessInstalled();
        using var bundle = TauriBundle.LayOutWithQemuLauncher(published);
        await PlayTheRecipeAsync(published, bundle);
    }

    /// <summary>
    /// How long prism and its daemon may take to be gone after stdin closes: a bound that catches a host which never
    /// ends, not a speed figure (the test prints the time it took). Prism gives its daemon 3 s to answer
    /// <c>shutdown</c> before killing it; natively a 2-core machine at load 4 gets 20 s around that. An emulated row
    /// gets 90: under Wine each exit goes through the wineserver, which this machine's other Wine tests share, and
    /// under qemu every instruction of both shutdowns is translated first — at load ~28 a qemu row once took over 30 s.
    /// </summary>
    private static TimeSpan ExitBound(PublishedHost published) => TimeSpan.FromSeconds(published.Binary.Emulator is null ? 20 : 90);

    private static async Task PlayTheRecipeAsync(PublishedHost published, TauriBundle bundle)
    {
        var cancellation = TestContext.Current.CancellationToken;
        var exitBound = ExitBound(published);
        using var dataFolder = new TemporaryFolder();
        await using var fake = await FakeTradeRepublicServer.StartAsync();

        // Step 1: a fresh token, 32 random bytes as 64 hex digits (host-api.md: at least 32 characters, no whitespace).
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

        // Step 2: spawn the sidecar by its bundled name, `--port 0`, the token in PRISM_HOST_TOKEN. The other
        // variables are this test's surroundings (the fake, a temporary data folder), not part of the recipe; a
        // Windows program under Wine inherits them as they are, and is given the data folder as a Windows path.
        var spawned = Stopwatch.StartNew();
        using var prism = Process.Start(bundle.Spawn(HostSidecar, ["--port", "0"], new()
        {
            ["PRISM_HOST_TOKEN"] = token,
            ["PRISM_TR_API_URL"] = fake.ApiUrl.ToString(),
            ["PRISM_TR_WS_URL"] = fake.WebSocketUrl.ToString(),
            ["PRISM_DATA_DIR"] = published.Binary.PathSeenByBinary(dataFolder.Path),
        }))!;
        var log = new ConcurrentQueue<string>();
        var stderr = DrainAsync(prism.StandardError, log);
        try
        {
            // Step 3: the first stdout line is the ready object; nothing else is read from stdout.
            var firstLine = await prism.StandardOutput.ReadLineAsync(cancellation).AsTask().WaitAsync(published.Binary.StartPatience, cancellation);
            Assert.True(firstLine is not null, $"prism closed stdout before its ready line. Its log:{Environment.NewLine}{string.Join(Environment.NewLine, log)}");
            var readyAfter = spawned.Elapsed;
            // Step 5: both pipes keep being read to their end (stderr from the start), as the recipe's drain task does.
            var stdout = DrainAsync(prism.StandardOutput, new ConcurrentQueue<string>());
            var ready = JsonDocument.Parse(firstLine).RootElement;
            Assert.Equal("ready", ready.GetProperty("event").GetString());
            Assert.Equal(token, ready.GetProperty("token").GetString());
            var pid = ready.GetProperty("pid").GetInt32();
            Assert.True(published.Binary.IsOwnPid(pid, prism.Id), $"prism, started as pid {prism.Id}, reported pid {pid}.");
            // Under Wine as natively: a Windows program's sockets are this machine's, so the window opens the URL as it is.
            var url = ready.GetProperty("url").GetString()!;
            Assert.Matches(@"^http://127\.0\.0\.1:\d+/$", url);

            // Step 4: the window opens url#token=… — the token in the fragment, never in a query string.
            TimeSpan loginFormAfter;
            await using (var chromium = await HeadlessChromium.LaunchAsync())
            {
                var page = await chromium.NewPageAsync();
                await page.GotoAsync($"{url}#token={token}");
                await Assertions.Expect(page.Locator("#login")).ToBeVisibleAsync();
                loginFormAfter = spawned.Elapsed;
                await page.GetByLabel("Phone number").FillAsync(FakeAccount.Phone);
                await page.GetByLabel("PIN").FillAsync(FakeAccount.Pin);
                await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
                await page.GetByLabel("Code from your authenticator app").FillAsync(FakeAccount.AuthenticatorCode);
                await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
                await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("Connected");
            }

            var connectedAfter = spawned.Elapsed;

            // The daemon the host started is the bundle's own, found by its bundled name (under Wine, as Z:\…\tr-daemon.exe).
            var daemonAsSeen = published.Binary.PathSeenByBinary(bundle.PathOf(DaemonSidecar));
            Assert.Contains(log, line => line.Contains($"started from {daemonAsSeen} (bundled name next to prism)", StringComparison.Ordinal));

            // What the end must leave no trace of: prism and the daemon it started, both from the bundle.
            Assert.Equal([bundle.PathOf(HostSidecar), bundle.DaemonProgram], bundle.Running().Select(process => process.Path).Order(StringComparer.Ordinal));

            // Step 6: the app exits: prism's stdin closes, and prism ends its daemon and itself.
            var closedAt = Stopwatch.StartNew();
            prism.StandardInput.Close();
            await prism.WaitForExitAsync(cancellation).WaitAsync(exitBound, cancellation);
            var prismExitedAfter = closedAt.Elapsed;
            var left = await bundle.WaitUntilNoProcessRunsAsync(exitBound - closedAt.Elapsed);
            TestContext.Current.TestOutputHelper?.WriteLine($"{published.Binary.Label}: after spawn, ready line {readyAfter.TotalMilliseconds:F0} ms, " +
                $"login form {loginFormAfter.TotalMilliseconds:F0} ms, connected {connectedAfter.TotalMilliseconds:F0} ms; after stdin closed, " +
                $"prism exited {prismExitedAfter.TotalMilliseconds:F0} ms, no bundle process left {closedAt.Elapsed.TotalMilliseconds:F0} ms");
            Assert.True(left.Count == 0, $"still running {exitBound.TotalSeconds} s after stdin closed: {string.Join(", ", left)}");
            Assert.Equal(0, prism.ExitCode);
            await Task.WhenAll(stdout, stderr).WaitAsync(exitBound, cancellation);
            Assert.DoesNotContain(log, line => line.Contains(token, StringComparison.Ordinal));
        }
        finally
        {
            bundle.KillEverything();
        }
    }

    private static string DaemonSidecar => Prism.Host.Bridge.DaemonLocator.SidecarName;

    /// <summary>Reads a pipe to its end, as the recipe's drain task does: an unread pipe stalls the writer.</summary>
    private static Task DrainAsync(StreamReader reader, ConcurrentQueue<string> lines) => Task.Run(async () =>
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lines.Enqueue(line);
        }
    });

    /// <summary>A temporary folder holding the published sidecars under the names a Tauri bundle gives them.</summary>
    private sealed class TauriBundle : IDisposable
    {
        private readonly TemporaryFolder folder = new();
        private readonly string triple;

        /// <summary>The published host as this bundle runs it: its bundled copy, through its emulator if it has one.</summary>
        private readonly PublishedSidecar host;

        private TauriBundle(PublishedSidecar publishedHost)
        {
            triple = TargetTable.TripleForRid(publishedHost.Runtime);
            host = publishedHost with { Path = PathOf(HostSidecar) };
            DaemonProgram = PathOf(DaemonSidecar);
        }

        /// <summary>The program the daemon's process runs: the bundled daemon, or in the qemu-user variant the copy its launcher script runs.</summary>
        public string DaemonProgram { get; private set; }

        /// <summary>Copies the host and its daemon, keeping their modes, as <c>&lt;name&gt;[.exe]</c> for the triple they were published for.</summary>
        public static TauriBundle LayOut(PublishedHost published)
        {
            var bundle = new TauriBundle(published.Binary);
            Copy(published.Binary.Path, bundle.PathOf(HostSidecar));
            Copy(published.Daemon.Path, bundle.DaemonProgram);
            return bundle;
        }

        /// <summary>
        /// The qemu-user variant: the host under its bundled name, the daemon copied into a folder of the bundle (where
        /// no lookup looks), and under the daemon's bundled name a script that runs qemu on that copy.
        /// </summary>
        public static TauriBundle LayOutWithQemuLauncher(PublishedHost published)
        {
            var bundle = new TauriBundle(published.Binary);
            Copy(published.Binary.Path, bundle.PathOf(HostSidecar));
            bundle.DaemonProgram = Path.Combine(bundle.folder.Folder("run-by-qemu"), DaemonSidecar);
            Copy(published.Daemon.Path, bundle.DaemonProgram);
            (published.Daemon with { Path = bundle.DaemonProgram }).WriteQemuLauncher(bundle.PathOf(DaemonSidecar));
            return bundle;
        }

        public string PathOf(string sidecar) => Path.Combine(folder.Path, SidecarFileNames.Bundled(sidecar, triple));

        /// <summary>
        /// What the shell plugin's <c>sidecar(name).args(..).env(..).spawn()</c> starts: piped stdio, no console window;
        /// an emulated host through its emulator's command, as the OS would start it with the emulator registered.
        /// </summary>
        public ProcessStartInfo Spawn(string sidecar, string[] arguments, Dictionary<string, string> environment)
        {
            var start = (host with { Path = PathOf(sidecar) }).StartInfo(arguments);
            start.CreateNoWindow = true;
            // An installed app's working folder is anything but this repository: no fallback may find it.
            start.WorkingDirectory = folder.Path;
            // The recipe's env_clear() + envs(..): the app's environment without any PRISM_* variable.
            foreach (var variable in start.Environment.Keys.Where(name => name.StartsWith("PRISM_", StringComparison.Ordinal)).ToList())
            {
                start.Environment.Remove(variable);
            }

            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }

            return start;
        }

        /// <summary>Polls until no process runs an executable of this bundle; returns those still running after <paramref name="timeout"/>.</summary>
        public async Task<IReadOnlyList<string>> WaitUntilNoProcessRunsAsync(TimeSpan timeout)
        {
            await Eventually.HoldsAsync(() => Running().Count == 0, timeout);
            return [.. Running().Select(process => $"{process.Path} (pid {process.Pid})")];
        }

        /// <summary>Cleans up after a failed test: no bundle process may outlive it.</summary>
        public void KillEverything()
        {
            foreach (var (pid, _) in Running())
            {
                ProcessProbe.KillIfRunning(pid);
            }
        }

        public void Dispose() => folder.Dispose();

        private static void Copy(string source, string target)
        {
            File.Copy(source, target);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(target, File.GetUnixFileMode(source));
            }
        }

        /// <summary>
        /// Every live process that runs a program of this bundle, with that program's path here. Natively that is the
        /// process's executable (Linux: /proc/*/exe; elsewhere its main module). An emulated program's executable is
        /// its emulator, so there it is the program its command line names: qemu's argument, or under Wine the
        /// Windows path Wine shows as the command line (Z:\…).
        /// </summary>
        public List<(int Pid, string Path)> Running()
        {
            var found = new List<(int, string)>();
            foreach (var process in Process.GetProcesses())
            {
                using (process)
                {
                    if (ProgramOf(process.Id) is { } path && ProcessProbe.IsRunning(process.Id))
                    {
                        found.Add((process.Id, path));
                    }
                }
            }

            return found;
        }

        private string? ProgramOf(int pid)
        {
            var inBundle = folder.Path + Path.DirectorySeparatorChar;
            if (host.Emulator is null)
            {
                return ExecutableOf(pid) is { } executable && executable.StartsWith(inBundle, StringComparison.Ordinal) ? executable : null;
            }

            string[] words;
            try
            {
                words = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', ' ');
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                return null;
            }

            var inBundleOnWindows = WinePaths.ToWindows(folder.Path) + '\\';
            return words.Select(word => word.Trim('"')).Select(word =>
                    word.StartsWith(inBundle, StringComparison.Ordinal) ? word
                    : host.Emulator.IsWine && word.StartsWith(inBundleOnWindows, StringComparison.OrdinalIgnoreCase) ? WinePaths.ToUnix(word, host.Emulator)
                    : null)
                .FirstOrDefault(path => path is not null);
        }

        private static string? ExecutableOf(int pid)
        {
            try
            {
                if (OperatingSystem.IsLinux())
                {
                    return new FileInfo($"/proc/{pid}/exe").LinkTarget;
                }

                using var process = Process.GetProcessById(pid);
                return process.MainModule?.FileName;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                return null;
            }
        }
    }
}
