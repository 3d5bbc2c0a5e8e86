using Prism.Pipeline.Tauri;
using Prism.Pipeline.Tauri.Entitlements;

namespace Prism.Pipeline.Tests.Tauri;

/// <summary>A macOS sidecar staged as a JIT single file needs <c>com.apple.security.cs.allow-jit</c> in the app's
/// entitlements (Tauri signs every sidecar with them and the hardened runtime): PatchTauriConfig grants it byte for
/// byte, or fails with the lines to add; Verify checks it; Native AOT needs nothing.</summary>
public class MacEntitlementsTests
{
    private static readonly string[] JitDaemon = ["tr-daemon-aarch64-apple-darwin"];

    private const string Lines = "    <key>com.apple.security.cs.allow-jit</key>\n    <true/>";

    private const string UserPlist =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
        + "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\r\n"
        + "<plist version=\"1.0\">\r\n<dict>\r\n"
        + "  <!-- the camera, for scanning receipts -->\r\n"
        + "  <key>com.apple.security.device.camera</key>\r\n  <true/>\r\n"
        + "  <key>com.apple.security.application-groups</key>\r\n  <array>\r\n    <string>group.app.example</string>\r\n  </array> <!-- shared -->\r\n"
        + "</dict>\r\n</plist>\r\n";

    private static MacEntitlementsPatchResult Patch(string config, string? requested = null) =>
        new MacEntitlementsPatcher(ConfigFixture.Validator).Patch(config, JitDaemon, requested);

    [Fact]
    public void The_users_entitlements_get_allow_jit_after_their_last_entry_and_keep_every_other_byte()
    {
        using var folder = new TemporaryFolder();
        var config = folder.Write("tauri.conf.json", "{\"identifier\": \"a.b\", \"bundle\": {\"macOS\": {\"entitlements\": \"Entitlements.plist\"}}}");
        var plist = folder.Write("Entitlements.plist", UserPlist);

        var result = Patch(config);

        Assert.True(result.Changed);
        Assert.Equal(UserPlist.Replace("  </array> <!-- shared -->\r\n", "  </array> <!-- shared -->\r\n  <key>com.apple.security.cs.allow-jit</key>\r\n  <true/>\r\n",
            StringComparison.Ordinal), File.ReadAllText(plist));
        Assert.Empty(MacJitEntitlement.Problems(config, JitDaemon));
    }

    [Fact]
    public void A_second_run_leaves_the_entitlements_byte_identical()
    {
        using var folder = new TemporaryFolder();
        var config = folder.Write("tauri.conf.json", "{\"identifier\": \"a.b\", \"bundle\": {\"macOS\": {\"entitlements\": \"Entitlements.plist\"}}}");
        var plist = folder.Write("Entitlements.plist", UserPlist);
        Patch(config);
        var afterFirst = File.ReadAllBytes(plist);

        var second = Patch(config);

        Assert.False(second.Changed);
        Assert.Equal(afterFirst, File.ReadAllBytes(plist));
    }

    [Fact]
    public void An_empty_dict_gets_a_dict_holding_allow_jit()
    {
        using var folder = new TemporaryFolder();
        var config = folder.Write("tauri.conf.json", "{\"identifier\": \"a.b\", \"bundle\": {\"macOS\": {\"entitlements\": \"e.plist\"}}}");
        var plist = folder.Write("e.plist", "<?xml version=\"1.0\"?>\n<plist version=\"1.0\">\n  <dict/>\n</plist>\n");

        Patch(config);

        Assert.Equal("<?xml version=\"1.0\"?>\n<plist version=\"1.0\">\n  <dict>\n    <key>com.apple.security.cs.allow-jit</key>\n    <true/>\n  </dict>\n</plist>\n",
            File.ReadAllText(plist));
    }

    [Fact]
    public void The_parameter_creates_a_minimal_plist_and_names_it_in_a_toml_config_in_its_own_layout()
    {
        using var folder = new TemporaryFolder();
        var config = folder.Write("Tauri.toml", "identifier = \"a.b\"\n\n[bundle]\nactive = true # bundle it\n");

        var result = Patch(config, Path.Combine(folder.Path, "macos", "Entitlements.plist"));

        Assert.Equal("identifier = \"a.b\"\n\n[bundle]\nactive = true # bundle it\nmacos.entitlements = \"macos/Entitlements.plist\"\n", File.ReadAllText(config));
        Assert.Contains("<key>com.apple.security.cs.allow-jit</key>\n\t<true/>", File.ReadAllText(Path.Combine(folder.Path, "macos", "Entitlements.plist")), StringComparison.Ordinal);
        Assert.Contains("bundle.macOS.entitlements set to \"macos/Entitlements.plist\"", result.Note, StringComparison.Ordinal);
        Assert.Empty(MacJitEntitlement.Problems(config, JitDaemon));
    }

    [Fact]
    public void The_parameter_names_the_file_in_a_json5_config_with_its_comments_kept()
    {
        using var folder = new TemporaryFolder();
        var config = folder.Write("tauri.conf.json5", "{\n  identifier: 'a.b', // app\n  bundle: {\n    macOS: { minimumSystemVersion: '11.0' }, // Big Sur\n  },\n}\n");
        folder.Write("Entitlements.plist", UserPlist);

        Patch(config, Path.Combine(folder.Path, "Entitlements.plist"));

        Assert.Equal("{\n  identifier: 'a.b', // app\n  bundle: {\n    macOS: { minimumSystemVersion: '11.0', entitlements: 'Entitlements.plist' }, // Big Sur\n  },\n}\n",
            File.ReadAllText(config));
    }

    [Fact]
    public void Without_an_entitlements_file_or_the_parameter_the_error_gives_the_exact_lines_and_nothing_is_written()
    {
        using var folder = new TemporaryFolder();
        var config = folder.Write("tauri.conf.json", "{\"identifier\": \"a.b\"}");

        var error = Assert.Throws<TauriConfigException>(() => Patch(config));

        Assert.StartsWith($"{config}: sets no bundle.macOS.entitlements, but tr-daemon-aarch64-apple-darwin is a JIT single file for macOS: "
            + "Tauri signs every sidecar with the app's entitlements and the hardened runtime, and macOS kills a JIT-ing process at launch "
            + "without com.apple.security.cs.allow-jit. Run PatchTauriConfig with --macos-entitlements FILE", error.Message, StringComparison.Ordinal);
        Assert.Contains(Environment.NewLine + Lines.Replace("\n", Environment.NewLine, StringComparison.Ordinal) + Environment.NewLine, error.Message, StringComparison.Ordinal);
        Assert.Equal("{\"identifier\": \"a.b\"}", File.ReadAllText(config));
        Assert.Equal([error.Message], MacJitEntitlement.Problems(config, JitDaemon));
    }

    [Fact]
    public void An_entitlement_the_user_set_to_false_is_not_overruled()
    {
        using var folder = new TemporaryFolder();
        var config = folder.Write("tauri.conf.json", "{\"identifier\": \"a.b\", \"bundle\": {\"macOS\": {\"entitlements\": \"e.plist\"}}}");
        var plist = folder.Write("e.plist", "<plist><dict>\n\t<key>com.apple.security.cs.allow-jit</key>\n\t<false/>\n</dict></plist>");

        var error = Assert.Throws<TauriConfigException>(() => Patch(config));

        Assert.StartsWith($"{plist}:2:2: com.apple.security.cs.allow-jit is <false/>", error.Message, StringComparison.Ordinal);
        Assert.Single(MacJitEntitlement.Problems(config, JitDaemon));
    }

    [Fact]
    public void A_parameter_naming_another_file_than_the_config_is_refused()
    {
        using var folder = new TemporaryFolder();
        var config = folder.Write("tauri.conf.json", "{\"identifier\": \"a.b\", \"bundle\": {\"macOS\": {\"entitlements\": \"app.plist\"}}}");

        var error = Assert.Throws<TauriConfigException>(() => Patch(config, Path.Combine(folder.Path, "other.plist")));

        Assert.StartsWith($"{config}: bundle.macOS.entitlements names \"app.plist\", but --macos-entitlements names", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder.Path, "other.plist")));
        Assert.False(File.Exists(Path.Combine(folder.Path, "app.plist")));
    }

    [Fact]
    public void The_macos_overlays_entitlements_are_the_ones_patched()
    {
        using var folder = new TemporaryFolder();
        var config = folder.Write("tauri.conf.json", "{\"identifier\": \"a.b\", \"bundle\": {\"macOS\": {\"entitlements\": \"main.plist\"}}}");
        folder.Write("Tauri.macos.toml", "[bundle.macos]\nentitlements = \"mac.plist\"\n");
        folder.Write("main.plist", UserPlist);

        var result = Patch(config);

        Assert.Equal(Path.Combine(folder.Path, "mac.plist"), result.EntitlementsPath);
        Assert.Equal(UserPlist, File.ReadAllText(Path.Combine(folder.Path, "main.plist")));
    }

    [Theory]
    [InlineData(false, "{\"identifier\": \"a.b\"}")]
    [InlineData(true, "{\"identifier\": \"a.b\", \"bundle\": {\"macOS\": {\"hardenedRuntime\": false}}}")]
    public void Native_aot_sidecars_or_no_hardened_runtime_need_no_entitlement(bool jit, string configText)
    {
        using var folder = new TemporaryFolder();
        var config = folder.Write("tauri.conf.json", configText);

        var result = new MacEntitlementsPatcher(ConfigFixture.Validator).Patch(config, jit ? JitDaemon : [], null);

        Assert.False(result.Changed);
        Assert.StartsWith("not needed", result.Note, StringComparison.Ordinal);
        Assert.Empty(MacJitEntitlement.Problems(config, jit ? JitDaemon : []));
        Assert.Equal(configText, File.ReadAllText(config));
    }

    [Fact]
    public void Verify_names_a_missing_entitlements_file_and_one_lacking_allow_jit()
    {
        using var folder = new TemporaryFolder();
        var config = folder.Write("tauri.conf.json", "{\"identifier\": \"a.b\", \"bundle\": {\"macOS\": {\"entitlements\": \"e.plist\"}}}");
        var plist = Path.Combine(folder.Path, "e.plist");

        var missing = Assert.Single(MacJitEntitlement.Problems(config, JitDaemon));
        folder.Write("e.plist", UserPlist);
        var lacking = Assert.Single(MacJitEntitlement.Problems(config, JitDaemon));

        Assert.StartsWith($"{plist}: not found, but bundle.macOS.entitlements in {config} names it", missing, StringComparison.Ordinal);
        Assert.StartsWith($"{plist}: lacks com.apple.security.cs.allow-jit, but tr-daemon-aarch64-apple-darwin is a JIT single file", lacking, StringComparison.Ordinal);
        Assert.EndsWith(Lines.Replace("\n", Environment.NewLine, StringComparison.Ordinal), lacking, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_entitlements_file_is_reported_at_its_line_and_column()
    {
        using var folder = new TemporaryFolder();
        var config = folder.Write("tauri.conf.json", "{\"identifier\": \"a.b\", \"bundle\": {\"macOS\": {\"entitlements\": \"e.plist\"}}}");
        var plist = folder.Write("e.plist", "<plist>\n<dict>\n  <key>x</key>\n  <true/>\n</plist>\n");

        var problem = Assert.Single(MacJitEntitlement.Problems(config, JitDaemon));

        Assert.StartsWith($"{plist}:5:3: invalid XML in an entitlements file:", problem, StringComparison.Ordinal);
    }
}
