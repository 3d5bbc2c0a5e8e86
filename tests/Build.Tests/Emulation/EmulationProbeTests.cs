using Prism.Pipeline.Emulation;
using Prism.Platform;

namespace Prism.Pipeline.Tests.Emulation;

/// <summary>How the probe finds emulators and foreign libraries on a machine laid out in a temporary folder.</summary>
public sealed class EmulationProbeTests : IDisposable
{
    private const string Arm64 = "aarch64-unknown-linux-gnu";
    private const string Windows = "x86_64-pc-windows-msvc";

    private readonly FakeMachine machine = new();

    public void Dispose() => machine.Dispose();

    private Task<ExecutionRoute> RouteAsync(string triple) =>
        new EmulationProbe(TargetTable.ForRid("linux-x64"), machine.Locations).RouteForAsync(triple, TestContext.Current.CancellationToken);

    [Fact]
    public async Task An_arm64_binary_runs_under_the_qemu_aarch64_on_path_with_the_version_it_reports()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the fake emulators are shell scripts");
        var qemu = machine.Script("bin/qemu-aarch64", "echo 'qemu-aarch64 version 9.1.2 (Debian 1:9.1.2+ds-1)'; echo 'Copyright (c) 2003-2024 Fabrice Bellard'");
        machine.Arm64Multiarch();

        var route = await RouteAsync(Arm64);

        Assert.Equal(ExecutionKind.Emulated, route.Kind);
        Assert.Equal("emulated (qemu-user 9.1.2)", route.Summary);
        await using var session = await EmulationSession.StartAsync(route, TestContext.Current.CancellationToken);
        var command = session.Command("/opt/tr-daemon", ["--help"]);
        Assert.Equal(qemu, command.FileName);
        Assert.Equal(["/opt/tr-daemon", "--help"], command.Arguments);
    }

    [Fact]
    public async Task Without_qemu_an_arm64_binary_is_verified_statically_only_with_the_package_to_install()
    {
        machine.Arm64Multiarch();

        var route = await RouteAsync(Arm64);

        Assert.False(route.CanRun);
        Assert.Equal("verified statically only (no qemu-aarch64 on PATH; to run it here: sudo apt-get update && sudo apt-get install qemu-user)", route.Summary);
    }

    [Fact]
    public async Task Without_the_arm64_libssl_the_binary_is_not_run_and_the_summary_names_the_multiarch_package()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the fake emulators are shell scripts");
        machine.Script("bin/qemu-aarch64", "echo 'qemu-aarch64 version 7.2.22'");
        machine.Arm64Multiarch(leaveOut: "libssl.so.3");

        var route = await RouteAsync(Arm64);

        Assert.False(route.CanRun);
        Assert.StartsWith("verified statically only (no arm64 libssl.so.3 (looked in ", route.Summary, StringComparison.Ordinal);
        Assert.EndsWith("; to run it here: sudo dpkg --add-architecture arm64 && sudo apt-get update && sudo apt-get install libssl3:arm64)", route.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_neither_qemu_nor_an_arm64_userland_one_command_installs_all_of_it()
    {
        var route = await RouteAsync(Arm64);

        Assert.Contains("no qemu-aarch64 on PATH, no arm64 C library (no ", route.Summary, StringComparison.Ordinal);
        Assert.EndsWith("to run it here: sudo dpkg --add-architecture arm64 && sudo apt-get update && " +
                        "sudo apt-get install qemu-user libc6:arm64 libstdc++6:arm64 zlib1g:arm64 libssl3:arm64)", route.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cross_sysroot_is_used_when_the_machine_has_no_multiarch_loader_and_qemu_is_told_with_L()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the fake emulators are shell scripts");
        machine.Script("bin/qemu-aarch64", "echo 'qemu-aarch64 version 8.0.0'");
        machine.Files("usr/aarch64-linux-gnu/lib", "ld-linux-aarch64.so.1", "libc.so.6", "libstdc++.so.6", "libz.so.1", "libssl.so.3");

        var route = await RouteAsync(Arm64);

        Assert.Equal("emulated (qemu-user 8.0.0)", route.Summary);
        Assert.Equal(["-L", Path.Combine(machine.Sysroots, "aarch64-linux-gnu")], route.EmulatorArguments);
    }

    [Fact]
    public async Task A_qemu_that_reports_no_version_is_not_trusted_to_run_anything()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the fake emulators are shell scripts");
        machine.Script("bin/qemu-aarch64", "echo 'Segmentation fault' >&2; exit 139");
        machine.Arm64Multiarch();

        var route = await RouteAsync(Arm64);

        Assert.False(route.CanRun);
        Assert.Contains("--version did not report a version", route.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_windows_binary_runs_under_wine64_from_debians_folder_outside_path()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the fake emulators are shell scripts");
        var wine = machine.Script("lib/wine/wine64", "echo 'wine-8.0 (Debian 8.0~repack-4)'");
        var server = machine.Script("lib/wine/wineserver64", "exit 0");
        machine.WineLoaders.Add(wine);

        var route = await RouteAsync(Windows);

        Assert.Equal("emulated (wine 8.0)", route.Summary);
        Assert.Equal(new Emulator(EmulatorKind.Wine, wine, "8.0", server), route.Emulator);
    }

    [Fact]
    public async Task Wine64_on_path_comes_before_wine()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the fake emulators are shell scripts");
        machine.Script("bin/wine", "echo 'wine-7.0'");
        var wine64 = machine.Script("bin/wine64", "echo 'wine-9.0'");
        machine.Script("bin/wineserver", "exit 0");

        var route = await RouteAsync(Windows);

        Assert.Equal(wine64, route.Emulator?.Executable);
        Assert.Equal("emulated (wine 9.0)", route.Summary);
    }

    [Fact]
    public async Task Without_wine_a_windows_binary_is_verified_statically_only_with_the_package_to_install()
    {
        machine.WineLoaders.Add(Path.Combine(machine.Root, "usr/lib/wine/wine64"));

        var route = await RouteAsync(Windows);

        Assert.Equal($"verified statically only (no Wine (wine64 or wine on PATH, or {machine.WineLoaders[0]}); " +
                     "to run it here: sudo apt-get update && sudo apt-get install wine64)", route.Summary);
    }

    [Fact]
    public async Task This_machines_own_triple_is_native_and_a_macos_binary_has_no_way_to_run_here()
    {
        Assert.Equal("native", (await RouteAsync("x86_64-unknown-linux-gnu")).Summary);
        Assert.Equal("verified statically only (aarch64-apple-darwin needs macOS and this linux-x64 machine has no emulator for it; the CI's macOS job runs it)",
            (await RouteAsync("aarch64-apple-darwin")).Summary);
        Assert.Equal("verified statically only (linux-musl-x64 needs musl and this linux-x64 machine runs glibc; run it on a musl system)",
            (await RouteAsync("x86_64-unknown-linux-musl")).Summary);
    }
}
