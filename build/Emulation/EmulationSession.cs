using System.Text;
using Prism.Pipeline.Tools;

namespace Prism.Pipeline.Emulation;

/// <summary>
/// Runs binaries on one <see cref="ExecutionRoute"/> for as long as it lives. Under Wine it owns a fresh prefix in a
/// temporary folder, booted once up front (the first start of a prefix takes seconds) with a wineserver kept running
/// until dispose, which stops the server — and with it every Windows process of the prefix — and deletes the folder.
/// Under qemu-user it owns the launcher scripts a host needs to start its daemon.
/// </summary>
internal sealed class EmulationSession : IAsyncDisposable
{
    private static readonly TimeSpan WineBootTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan WineStopTimeout = TimeSpan.FromSeconds(60);

    private readonly DirectoryInfo? folder;
    private readonly Dictionary<string, string> environment;

    private EmulationSession(ExecutionRoute route, DirectoryInfo? folder, Dictionary<string, string> environment)
    {
        Route = route;
        this.folder = folder;
        this.environment = environment;
    }

    public ExecutionRoute Route { get; }

    /// <summary>Prepares the route (for Wine: creates and boots the prefix); a route that cannot run is refused.</summary>
    public static async Task<EmulationSession> StartAsync(ExecutionRoute route, CancellationToken cancellation = default)
    {
        if (!route.CanRun)
        {
            throw new InvalidOperationException($"{route.Triple} binaries cannot run on this machine: {route.Summary}.");
        }

        switch (route.Emulator)
        {
            case null:
                return new(route, null, []);
            case { Kind: EmulatorKind.QemuUser }:
                return new(route, Directory.CreateTempSubdirectory("prism-qemu-"), []);
        }

        var folder = Directory.CreateTempSubdirectory("prism-wine-");
        var prefix = folder.CreateSubdirectory("prefix");
        var session = new EmulationSession(route, folder, new()
        {
            ["WINEPREFIX"] = prefix.FullName,
            ["WINEDEBUG"] = "-all",
            // No Mono or Gecko installer for the new prefix: .NET sidecars are self-contained and show no HTML.
            ["WINEDLLOVERRIDES"] = "mscoree,mshtml=",
        });
        try
        {
            await session.BootWineAsync(cancellation);
            return session;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    /// <summary>What goes before a binary to start it on this route: the emulator and its own arguments; empty natively.</summary>
    public IReadOnlyList<string> Prefix => Route.Emulator is { } emulator ? [emulator.Executable, .. Route.EmulatorArguments] : [];

    /// <summary>The variables every process on this route is started with (Wine: the session's prefix).</summary>
    public IReadOnlyDictionary<string, string> Environment => environment;

    /// <summary>Disposes every session, even when one fails to stop (then its error is thrown after the others stopped).</summary>
    public static async Task DisposeAllAsync(IEnumerable<EmulationSession> sessions)
    {
        var failures = new List<Exception>();
        foreach (var session in sessions)
        {
            try
            {
                await session.DisposeAsync();
            }
            catch (Exception exception)
            {
                failures.Add(exception);
            }
        }

        if (failures.Count > 0)
        {
            throw failures.Count == 1 ? failures[0] : new AggregateException(failures);
        }
    }

    /// <summary>The command that starts <paramref name="binary"/> with <paramref name="arguments"/> on this route.</summary>
    public LaunchCommand Command(string binary, IReadOnlyList<string> arguments) => Route.Emulator is { } emulator
        ? new(emulator.Executable, [.. Route.EmulatorArguments, binary, .. arguments], environment)
        : new(binary, arguments, environment);

    /// <summary>
    /// What <c>PRISM_DAEMON_PATH</c> must name for a host on this route to start <paramref name="daemonBinary"/>: under
    /// qemu-user a launcher script (an emulated process cannot execute a foreign binary by itself, and the build never
    /// registers binfmt_misc handlers); null natively and under Wine, where the host finds and starts the daemon itself.
    /// </summary>
    public string? DaemonLauncher(string daemonBinary)
    {
        if (Route.Emulator is not { Kind: EmulatorKind.QemuUser })
        {
            return null;
        }

        var script = Path.Combine(folder!.FullName, Path.GetFileName(daemonBinary) + ".sh");
        var words = Prefix.Append(daemonBinary).Select(ShellQuote);
        new AtomicFile().WriteAllBytes(script, Encoding.UTF8.GetBytes($"#!/bin/sh\nexec {string.Join(' ', words)} \"$@\"\n"), FileModes.Executable);
        return script;
    }

    public async ValueTask DisposeAsync()
    {
        if (Route.Emulator is { Kind: EmulatorKind.Wine, Server: { } server })
        {
            using var deadline = new CancellationTokenSource(WineStopTimeout);
            try
            {
                await RunAsync(server, ["-k"], deadline.Token);
            }
            catch (Exception exception) when (exception is TimeoutException or InvalidOperationException)
            {
                // "-k" exits non-zero when the server is already gone; one that does not stop is killed by the timeout.
            }
        }

        if (folder is { Exists: true })
        {
            // Wine links drive letters and user folders to the Unix file system: Directory.Delete removes those
            // links without following them.
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Starts a persistent wineserver for the prefix, then runs wineboot to create it before any measured start.</summary>
    private async Task BootWineAsync(CancellationToken cancellation)
    {
        var wine = Route.Emulator!;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(WineBootTimeout);
        await RunAsync(wine.Server!, ["-p"], deadline.Token);
        await RunAsync(wine.Executable, ["wineboot", "--init"], deadline.Token);
    }

    /// <summary>
    /// Runs a Wine tool to its exit with this session's prefix. Its output is not captured: a wineserver forks into
    /// the background holding whatever pipes it was given, which would keep a reader waiting for as long as it runs.
    /// </summary>
    private async Task RunAsync(string executable, IReadOnlyList<string> arguments, CancellationToken cancellation)
    {
        var start = new System.Diagnostics.ProcessStartInfo(executable, arguments) { UseShellExecute = false };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}");
        try
        {
            await process.WaitForExitAsync(cancellation);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{executable} {string.Join(' ', arguments)}' (WINEPREFIX {environment["WINEPREFIX"]}) did not finish in time.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{executable} {string.Join(' ', arguments)}' (WINEPREFIX {environment["WINEPREFIX"]}) exited with {process.ExitCode}; its output is above.");
        }
    }

    private static string ShellQuote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
