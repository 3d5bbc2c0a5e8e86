using Prism.Pipeline.Tauri;

namespace Prism.Pipeline.Tests.Tauri;

public class PlatformOverlayTests
{
    [Fact]
    public void Overlay_list_without_a_sidecar_produces_a_warning_naming_file_and_sidecar()
    {
        using var folder = new TemporaryFolder();
        var config = folder.Write("tauri.conf.json", "{}");
        var overlay = folder.Write("tauri.linux.conf.json", "{\"bundle\": {\"externalBin\": [\"src-tauri/binaries/prism\", \"extra/tool\"]}}");

        var warnings = PlatformOverlays.FindHiddenSidecars(config, TauriConfigVersion.V2, ConfigFixture.Sidecars);

        var warning = Assert.Single(warnings);
        Assert.Equal(overlay, warning.OverlayPath);
        Assert.Equal(["src-tauri/binaries/tr-daemon"], warning.MissingEntries);
        Assert.StartsWith($"{overlay}: sets externalBin without src-tauri/binaries/tr-daemon;", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlay_that_nulls_the_list_hides_every_sidecar()
    {
        using var folder = new TemporaryFolder();
        var config = folder.Write("tauri.conf.json", "{}");
        folder.Write("tauri.windows.conf.json", "{\"bundle\": {\"externalBin\": null}}");

        var warning = Assert.Single(PlatformOverlays.FindHiddenSidecars(config, TauriConfigVersion.V2, ConfigFixture.Sidecars));

        Assert.Equal(ConfigFixture.Sidecars, warning.MissingEntries);
    }

    [Fact]
    public void Overlay_without_external_bin_or_with_every_sidecar_is_fine()
    {
        using var folder = new TemporaryFolder();
        var config = folder.Write("tauri.conf.json", "{}");
        folder.Write("tauri.macos.conf.json", "{\"bundle\": {\"macOS\": {}}}");
        folder.Write("tauri.linux.conf.json", "{\"bundle\": {\"externalBin\": [\"./src-tauri/binaries/tr-daemon\", \"src-tauri/binaries/prism\"]}}");

        Assert.Empty(PlatformOverlays.FindHiddenSidecars(config, TauriConfigVersion.V2, ConfigFixture.Sidecars));
    }

    [Fact]
    public void V1_overlay_is_read_under_tauri_bundle()
    {
        using var folder = new TemporaryFolder();
        var config = folder.Write("tauri.conf.json", "{}");
        folder.Write("tauri.macos.conf.json", "{\"tauri\": {\"bundle\": {\"externalBin\": []}}}");

        var warning = Assert.Single(PlatformOverlays.FindHiddenSidecars(config, TauriConfigVersion.V1, ConfigFixture.Sidecars));

        Assert.Equal(ConfigFixture.Sidecars, warning.MissingEntries);
    }

    [Fact]
    public void Malformed_overlay_fails_with_its_position()
    {
        using var folder = new TemporaryFolder();
        var config = folder.Write("tauri.conf.json", "{}");
        var overlay = folder.Write("tauri.linux.conf.json", "{\n  \"bundle\": {,}\n}");

        var error = Assert.Throws<TauriConfigException>(() => PlatformOverlays.FindHiddenSidecars(config, TauriConfigVersion.V2, ConfigFixture.Sidecars));

        Assert.StartsWith($"{overlay}:2:14: invalid JSON:", error.Message, StringComparison.Ordinal);
    }
}

public class PlatformOverlayDependencyTests
{
    [Fact]
    public void A_linux_overlay_whose_deb_depends_lacks_openssl_produces_a_warning_naming_the_list()
    {
        using var folder = new TemporaryFolder();
        var config = folder.Write("tauri.conf.json", "{}");
        var overlay = folder.Write("tauri.linux.conf.json", "{\"bundle\": {\"linux\": {\"deb\": {\"depends\": [\"libgtk-3-0\"]}, \"rpm\": {\"depends\": [\"openssl-libs\"]}}}}");

        var warning = Assert.Single(PlatformOverlays.FindHiddenDependencies(config, TauriConfigVersion.V2, LinuxPackageDependency.OpenSsl3));

        Assert.Equal($"{overlay}: sets bundle.linux.deb.depends without libssl3t64 | libssl3; Tauri merges this file over the main config with " +
                     "JSON Merge Patch, which replaces the whole list, so builds for this platform would not make the package depend on them " +
                     "(the sidecars load OpenSSL 3 for TLS). Add them to this file's bundle.linux.deb.depends, or remove bundle.linux.deb.depends from it.",
            warning.Message);
    }

    [Fact]
    public void Overlays_that_leave_the_lists_alone_or_are_not_linux_are_fine()
    {
        using var folder = new TemporaryFolder();
        var config = folder.Write("tauri.conf.json", "{}");
        folder.Write("tauri.linux.conf.json", "{\"bundle\": {\"linux\": {\"appimage\": {}}}}");
        folder.Write("tauri.windows.conf.json", "{\"bundle\": {\"linux\": {\"deb\": {\"depends\": []}}}}");

        Assert.Empty(PlatformOverlays.FindHiddenDependencies(config, TauriConfigVersion.V2, LinuxPackageDependency.OpenSsl3));
    }
}
