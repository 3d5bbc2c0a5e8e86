using Prism.Pipeline.Sidecars.Inspection;

namespace Prism.Pipeline.Tests.Sidecars.Floors;

/// <summary>The macOS floor on Mach-O programs ld64.lld linked for chosen deployment targets, thin and universal.</summary>
public sealed class MacOSFloorTests : IDisposable
{
    private static readonly MacOSFloor TauriDefault = MacOSFloor.FromConfigs([], "app/tauri.conf.json");

    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void An_arm64_binary_for_macos_14_fails_tauris_default_naming_both_versions_and_both_fixes()
    {
        var path = ToolchainBinaries.MachO(folder, "sidecar", "arm64", "14.0");

        var check = TauriDefault.Check("sidecar", Slices(path));

        var problem = Assert.Single(check.Problems);
        Assert.StartsWith("sidecar: it (Arm64) needs macOS 14.0 (LC_BUILD_VERSION), but the app promises macOS 10.13 " +
                          "(Tauri's default, as app/tauri.conf.json sets no bundle.macOS.minimumSystemVersion)", problem, StringComparison.Ordinal);
        Assert.Contains("set \"minimumSystemVersion\": \"14.0\" under bundle.macOS in app/tauri.conf.json", problem, StringComparison.Ordinal);
        Assert.Contains("or build the sidecar for macOS 10.13", problem, StringComparison.Ordinal);
        Assert.Equal("Arm64 macOS 14.0 (app promises 10.13)", check.Figure);
    }

    [Fact]
    public void An_old_deployment_target_is_read_from_lc_version_min_macosx_and_passes()
    {
        var path = ToolchainBinaries.MachO(folder, "sidecar", "x86_64", "10.13");

        var slice = Assert.Single(Slices(path));
        var check = TauriDefault.Check("sidecar", [slice]);

        Assert.Equal(("LC_VERSION_MIN_MACOSX", new Version(10, 13, 0)), (slice.MinimumMacOSCommand, slice.MinimumMacOS));
        Assert.Empty(check.Problems);
    }

    [Fact]
    public void Only_the_slice_of_a_universal_binary_above_the_promise_fails()
    {
        var intel = ToolchainBinaries.MachO(folder, "intel", "x86_64", "10.15");
        var arm = ToolchainBinaries.MachO(folder, "arm", "arm64", "13.0");
        var path = ToolchainBinaries.Fat(folder, "universal", intel, arm);

        var check = MacOSFloor.FromConfigs([("tauri.conf.json", true, "11.0")], "tauri.conf.json").Check("universal", Slices(path));

        var problem = Assert.Single(check.Problems);
        Assert.StartsWith("universal: its Arm64 slice needs macOS 13.0 (LC_BUILD_VERSION), but the app promises macOS 11.0 " +
                          "(bundle.macOS.minimumSystemVersion in tauri.conf.json)", problem, StringComparison.Ordinal);
        Assert.Equal("X64 macOS 10.15, Arm64 macOS 13.0 (app promises 11.0)", check.Figure);
    }

    [Fact]
    public void The_macos_platform_config_wins_and_null_declares_no_minimum()
    {
        var path = ToolchainBinaries.MachO(folder, "sidecar", "arm64", "14.0");

        var overlay = MacOSFloor.FromConfigs([("tauri.macos.conf.json", true, "14.0"), ("tauri.conf.json", true, "10.15")], "tauri.conf.json");
        var none = MacOSFloor.FromConfigs([("tauri.macos.conf.json", false, null), ("tauri.conf.json", true, null)], "tauri.conf.json");

        Assert.Empty(overlay.Check("sidecar", Slices(path)).Problems);
        Assert.Empty(none.Check("sidecar", Slices(path)).Problems);
        Assert.Contains("the app declares no minimum macOS", none.Check("sidecar", Slices(path)).Figure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_that_is_no_version_is_refused_naming_it()
    {
        var error = Assert.Throws<FormatException>(() => MacOSFloor.FromConfigs([("tauri.conf.json", true, "Sonoma")], "tauri.conf.json"));

        Assert.Equal("bundle.macOS.minimumSystemVersion in tauri.conf.json is `Sonoma`, not a macOS version such as \"12.0\" (or null for no minimum).", error.Message);
    }

    private static IReadOnlyList<MachOSlice> Slices(string path)
    {
        using var stream = File.OpenRead(path);
        return MachOSlices.Read(stream);
    }
}
