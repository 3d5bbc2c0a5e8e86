using System.Diagnostics;
using Prism.Pipeline.Emulation;
using Prism.Platform;

namespace Prism.Pipeline.Tests.Emulation;

/// <summary>Starting programs on a route: the launcher an emulated host needs for its daemon, and Wine's throwaway prefix.</summary>
public sealed class EmulationSessionTests : IDisposable
{
    private readonly FakeMachine machine = new();

    public void Dispose() => machine.Dispose();

    [Fact]
    public async Task Under_qemu_the_daemon_launcher_is_a_script_that_hands_every_argument_to_qemu_and_goes_with_the_session()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "qemu-user routes exist on Linux only");
        // Answers --version like qemu, and otherwise prints each argument it got on a line of its own.
        machine.Script("bin/qemu-aarch64", """[ "$1" = --version ] && { echo 'qemu-aarch64 version 7.2.22'; exit 0; }; for a in "$@"; do echo "$a"; done""");
        machine.Files("usr/aarch64-linux-gnu/lib", "ld-linux-aarch64.so.1", "libc.so.6", "libstdc++.so.6", "libz.so.1", "libssl.so.3");
        var route = await new EmulationProbe(TargetTable.ForRid("linux-x64"), machine.Locations).RouteForAsync("aarch64-unknown-linux-gnu", TestContext.Current.CancellationToken);
        var session = await EmulationSession.StartAsync(route, TestContext.Current.CancellationToken);
        const string Daemon = "/opt/it's here/tr-daemon-aarch64-unknown-linux-gnu";

        var launcher = session.DaemonLauncher(Daemon);
        Assert.NotNull(launcher);
        var start = new ProcessStartInfo(launcher) { RedirectStandardOutput = true, ArgumentList = { "--flag", "two words" } };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["-L", Path.Combine(machine.Sysroots, "aarch64-linux-gnu"), Daemon, "--flag", "two words"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        await session.DisposeAsync();
        Assert.False(File.Exists(launcher), $"{launcher} outlived its session");
    }

    [Fact]
    public async Task Natively_a_binary_starts_as_itself_and_the_host_finds_its_daemon_alone()
    {
        await using var session = await EmulationSession.StartAsync(ExecutionRoute.Native(CurrentRuntime.Triple), TestContext.Current.CancellationToken);

        var command = session.Command("/opt/prism", ["--port", "0"]);

        Assert.Equal("/opt/prism", command.FileName);
        Assert.Equal(["--port", "0"], command.Arguments);
        Assert.Empty(command.Environment);
        Assert.Null(session.DaemonLauncher("/opt/tr-daemon"));
    }

    [Fact]
    public async Task A_route_that_cannot_run_is_refused_with_its_reason()
    {
        var route = ExecutionRoute.StaticOnly("aarch64-apple-darwin", "it needs macOS");

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => EmulationSession.StartAsync(route, TestContext.Current.CancellationToken));

        Assert.Contains("verified statically only (it needs macOS)", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wine_session_runs_windows_programs_in_its_own_prefix_and_leaves_neither_prefix_nor_wineserver_behind()
    {
        var route = await EmulationProbe.ForThisMachine(Prism.Pipeline.Engine.BuildContext.ProcessEnvironment()).RouteForAsync("x86_64-pc-windows-msvc", TestContext.Current.CancellationToken);
        Assert.SkipUnless(route.Emulator?.Kind == EmulatorKind.Wine, $"needs Wine: {route.Summary}");
        var session = await EmulationSession.StartAsync(route, TestContext.Current.CancellationToken);
        var command = session.Command("cmd.exe", ["/c", "echo", "hello from wine"]);
        var prefix = command.Environment["WINEPREFIX"];
        try
        {
            // wineboot --init has copied the Windows system folder in before the first program starts.
            Assert.True(File.Exists(Path.Combine(prefix, "drive_c", "windows", "system32", "kernel32.dll")), "the prefix was not booted before the first program");
            var start = new ProcessStartInfo(command.FileName, command.Arguments) { RedirectStandardOutput = true };
            foreach (var (name, value) in command.Environment)
            {
                start.Environment[name] = value;
            }

            using var process = Process.Start(start)!;
            Assert.Contains("hello from wine", await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }
        finally
        {
            await session.DisposeAsync();
        }

        Assert.False(Directory.Exists(prefix), $"{prefix} outlived its session");
        Assert.Empty(await new Prism.Pipeline.Smoke.RunMarker("WINEPREFIX", prefix).SurvivorsAfterAsync(TimeSpan.Zero));
    }
}
