using System.Diagnostics;
using Prism.Pipeline.Smoke;
using Prism.Pipeline.Tools;

namespace Prism.Pipeline.Tests.Pipeline;

/// <summary>
/// The real build executable, aborted as an IDE's stop button (SIGINT) or a CI cancel (SIGTERM) aborts it — the signal
/// to the build process alone — while it publishes, on a temporary copy of the repository: it reports the abort, exits
/// 128 + the signal, and no process it started is left running: dotnet publish, the MSBuild nodes and compilers it ran.
/// They are found afterwards by a marker variable every descendant inherits, as Smoke's <see cref="RunMarker"/> finds
/// what a smoke run left behind.
/// </summary>
public sealed class AbortTests : IDisposable
{
    private static readonly string[] CopiedFiles = ["global.json", "Directory.Build.props", "Directory.Packages.props", ".editorconfig", ".nuke/parameters.json"];

    /// <summary>How long processes the abort killed may take to be gone (a SIGKILL lands at once; a loaded machine reaps slowly).</summary>
    private static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(30);

    private readonly TemporaryFolder root = new();

    public AbortTests()
    {
        foreach (var file in CopiedFiles.Where(file => File.Exists(Path.Combine(RepositoryPaths.Root, file))))
        {
            Copy(Path.Combine(RepositoryPaths.Root, file), Path.Combine(root.Path, file));
        }

        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "src"), "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(RepositoryPaths.Root, file);
            if (!relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            {
                Copy(file, Path.Combine(root.Path, relative));
            }
        }
    }

    public void Dispose() => root.Dispose();

    /// <summary>
    /// SIGTERM while the first publish runs. SIGTERM is what a CI cancel sends after SIGINT (and what kill sends): .NET
    /// ends a process on it at once unless it is handled, and then nothing would end the build's tools.
    /// </summary>
    [Fact]
    public async Task Sigterm_to_the_build_process_during_a_publish_ends_every_process_the_build_started_and_exits_143()
    {
        Assert.SkipUnless(RunMarker.CanScan, "Finding the processes a build left behind by their environment needs Linux's /proc.");
        var marker = RunMarker.New() with { Name = "PRISM_ABORT_TEST_RUN" };

        var (exitCode, printed) = await AbortAsync(marker, "TERM", ["--sidecar-names", "tr-daemon"], publishing: "Prism.Daemon.csproj");

        var survivors = await marker.SurvivorsAfterAsync(KillGrace);
        Assert.True(survivors.Count == 0, $"Still running {KillGrace.TotalSeconds} s after the build exited (now killed):{Environment.NewLine}{string.Join(Environment.NewLine, survivors)}");
        Assert.True(exitCode == 143, $"The build exited {exitCode}, not 143:{Environment.NewLine}{printed}");
        Assert.Contains("Publish was aborted", printed, StringComparison.Ordinal);
    }

    /// <summary>
    /// SIGINT (an IDE's stop button) while the second of two publishes runs: what the first one started — MSBuild nodes
    /// kept for reuse, the shared compiler server — would outlive it, and a node the second publish reused would be no
    /// descendant of it, so killing its process tree would miss what runs there (an AOT publish's ilc compiled on).
    /// </summary>
    [Fact]
    public async Task Sigint_to_the_build_process_during_its_second_publish_leaves_nothing_of_either_publish_running_and_exits_130()
    {
        Assert.SkipUnless(RunMarker.CanScan, "Finding the processes a build left behind by their environment needs Linux's /proc.");
        var marker = RunMarker.New() with { Name = "PRISM_ABORT_TEST_RUN" };

        var (exitCode, printed) = await AbortAsync(marker, "INT", ["--sidecar-names", "tr-daemon", "prism", "--publish-mode", "single-file"], publishing: "Prism.Host.csproj");

        var survivors = await marker.SurvivorsAfterAsync(KillGrace);
        Assert.True(survivors.Count == 0, $"Still running {KillGrace.TotalSeconds} s after the build exited (now killed):{Environment.NewLine}{string.Join(Environment.NewLine, survivors)}");
        Assert.True(exitCode == 130, $"The build exited {exitCode}, not 130:{Environment.NewLine}{printed}");
        Assert.Contains("Publish was aborted", printed, StringComparison.Ordinal);
    }

    /// <summary>
    /// Runs <c>Publish --force</c> with <paramref name="arguments"/> on the copy, with <paramref name="marker"/> in its
    /// environment; once the <c>dotnet publish</c> of <paramref name="publishing"/> has a process of its own running
    /// (an MSBuild node, a compiler, ilc) or uses one left running, sends SIG<paramref name="signal"/> to the build process alone; returns its
    /// exit code and output.
    /// </summary>
    private async Task<(int ExitCode, string Output)> AbortAsync(RunMarker marker, string signal, string[] arguments, string publishing)
    {
        var start = new ProcessStartInfo(ToolRunner.DotNetExecutable) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root.Path };
        string[] command = [Path.Combine(AppContext.BaseDirectory, "_build.dll"), "Publish", "--force", "--no-logo", .. arguments, "--root", root.Path];
        foreach (var argument in command)
        {
            start.ArgumentList.Add(argument);
        }

        // A developer's shell holds none of these: whatever this machine sets, the build must bring its own.
        foreach (var variable in new[] { "MSBUILDDISABLENODEREUSE", "DOTNET_CLI_USE_MSBUILD_SERVER", "UseSharedCompilation", "TAURI_ENV_TARGET_TRIPLE" })
        {
            start.Environment.Remove(variable);
        }

        start.Environment[marker.Name] = marker.Value;
        using var build = Process.Start(start)!;
        var output = Task.WhenAll(build.StandardOutput.ReadToEndAsync(), build.StandardError.ReadToEndAsync());
        try
        {
            // Under way: besides the build and that publish, some process of the run is up — one the publish started
            // (an MSBuild node, a compiler, ilc), or one an earlier publish left that this one now uses.
            await WaitForAsync(() => marker.Carriers() is var carriers
                    && carriers.FirstOrDefault(process => process.CommandLine.Contains(publishing, StringComparison.Ordinal)) is { Pid: > 0 } publish
                    && carriers.Any(process => process.Pid != build.Id && process.Pid != publish.Pid),
                build, $"dotnet publish of {publishing} with a process of the run beside it");
            Assert.SkipWhen(SignalIgnored(build.Id, signal), $"SIG{signal} is ignored by the build process, as by every process this test run starts (the run was started as a background job): an abort by it cannot be tested here.");

            Signal(build.Id, signal);
            await build.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);
            return (build.ExitCode, string.Concat(await output));
        }
        finally
        {
            if (!build.HasExited)
            {
                build.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>Whether <paramref name="pid"/> ignores the signal named <paramref name="signal"/> (INT or TERM).</summary>
    private static bool SignalIgnored(int pid, string signal) => IgnoredSignals.Ignores(pid, signal == "INT" ? 2 : 15);

    /// <summary>Polls <paramref name="condition"/>; fails when the build ends first, or after 10 minutes (a restore and compile on a busy machine).</summary>
    private static async Task WaitForAsync(Func<bool> condition, Process build, string what)
    {
        var seen = await Eventually.HoldsAsync(() => condition() || build.HasExited, TimeSpan.FromMinutes(10));
        Assert.True(seen, $"Not within 10 minutes: {what}.");
        Assert.True(condition(), $"The build exited ({(build.HasExited ? build.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : "?")}) before {what}.");
    }

    /// <summary>Sends SIG<paramref name="signal"/> to that one process, as kill(1) does.</summary>
    private static void Signal(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-s", signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Copy(from, to);
    }
}
