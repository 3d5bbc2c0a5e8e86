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

/// <summary>Platform overlays in the JSON5 and TOML formats, and the overlays Tauri ignores.</summary>
public class PlatformOverlayFormatTests
{
    [Fact]
    public void A_toml_linux_overlay_that_replaces_external_bin_without_the_sidecars_is_reported()
    {
        using var folder = new TemporaryFolder();
        var config = folder.Write("Tauri.toml", "identifier = \"a.b\"\n");
        var overlay = folder.Write("Tauri.linux.toml", "[bundle]\nexternal-bin = [\"src-tauri/binaries/prism\"] # linux: prism only\n");

        var warning = Assert.Single(PlatformOverlays.FindHiddenSidecars(config, TauriConfigVersion.V2, ConfigFixture.Sidecars));

        Assert.Equal(overlay, warning.OverlayPath);
        Assert.Equal(["src-tauri/binaries/tr-daemon"], warning.MissingEntries);
    }

    [Fact]
    public void A_json5_linux_overlay_that_replaces_the_deb_depends_without_openssl_is_reported()
    {
        using var folder = new TemporaryFolder();
        var config = folder.Write("tauri.conf.json", "{}");
        folder.Write("tauri.linux.conf.json5", "{bundle: {linux: {deb: {depends: ['libfoo',]}}}} // deb needs libfoo\n");

        var warning = Assert.Single(PlatformOverlays.FindHiddenDependencies(config, TauriConfigVersion.V2, LinuxPackageDependency.OpenSsl3));

        Assert.Equal("bundle.linux.deb.depends", warning.List);
    }

    [Fact]
    public void An_overlay_tauri_never_reads_because_another_format_wins_is_named()
    {
        using var folder = new TemporaryFolder();
        var config = folder.Write("tauri.conf.json", "{}");
        var read = folder.Write("tauri.macos.conf.json5", "{}");
        var ignored = folder.Write("Tauri.macos.toml", "");

        var warning = Assert.Single(PlatformOverlays.FindIgnored(config));

        Assert.Equal($"{ignored}: Tauri never reads this; it merges only {read} (it looks for the .json, then the .json5, then the .toml overlay). "
            + "Merge them into one file and delete the others.", warning);
    }
}
