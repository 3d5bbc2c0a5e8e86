using Prism.Pipeline.Tauri;

namespace Prism.Pipeline.Tests.Tauri;

/// <summary>PatchTauriConfig declares OpenSSL 3 (which .NET loads for TLS) where Tauri's .deb and .rpm take dependencies,
/// byte-preserving and idempotent like externalBin, keeping the user's own entries.</summary>
public class LinuxDependencyPatchTests
{
    private static string Patch(TemporaryFolder folder, string config) => ConfigFixture.PatchText(folder, config, LinuxPackageDependency.OpenSsl3);

    [Fact]
    public void A_config_without_linux_settings_gets_both_lists_after_the_bundles_last_member()
    {
        using var folder = new TemporaryFolder();

        var patched = Patch(folder, """
            {
                "identifier": "app.example",
                "bundle": {
                    "active": true,
                    "externalBin": [
                        "src-tauri/binaries/prism",
                        "src-tauri/binaries/tr-daemon"
                    ]
                }
            }

            """);

        Assert.Equal("""
            {
                "identifier": "app.example",
                "bundle": {
                    "active": true,
                    "externalBin": [
                        "src-tauri/binaries/prism",
                        "src-tauri/binaries/tr-daemon"
                    ],
                    "linux": {
                        "deb": {
                            "depends": [
                                "libssl3t64 | libssl3"
                            ]
                        },
                        "rpm": {
                            "depends": [
                                "libssl.so.3()(64bit)"
                            ]
                        }
                    }
                }
            }

            """, patched);
    }

    [Fact]
    public void The_users_own_dependencies_and_other_linux_settings_are_kept_and_ours_appended()
    {
        using var folder = new TemporaryFolder();

        var patched = Patch(folder, """
            {
              "identifier": "app.example",
              "bundle": {
                "externalBin": ["src-tauri/binaries/prism", "src-tauri/binaries/tr-daemon"],
                "linux": {
                  "deb": { "depends": ["libwebkit2gtk-4.1-0"], "section": "finance" },
                  "rpm": { "release": "2" },
                  "appimage": { "bundleMediaFramework": false }
                }
              }
            }
            """);

        Assert.Equal("""
            {
              "identifier": "app.example",
              "bundle": {
                "externalBin": ["src-tauri/binaries/prism", "src-tauri/binaries/tr-daemon"],
                "linux": {
                  "deb": { "depends": ["libwebkit2gtk-4.1-0", "libssl3t64 | libssl3"], "section": "finance" },
                  "rpm": { "release": "2", "depends": ["libssl.so.3()(64bit)"] },
                  "appimage": { "bundleMediaFramework": false }
                }
              }
            }
            """, patched);
    }

    [Theory]
    [InlineData("libssl3", "openssl-libs")]
    [InlineData("libssl3t64 (>= 3.0.13)", "openssl-libs >= 3.0")]
    [InlineData("libssl1.1 | libssl3:arm64", "libopenssl3")]
    public void A_dependency_the_user_already_declares_in_their_own_words_is_not_added_again(string debEntry, string rpmEntry)
    {
        using var folder = new TemporaryFolder();
        var config = "{\"identifier\": \"a.b\", \"bundle\": {\"externalBin\": [\"src-tauri/binaries/prism\", \"src-tauri/binaries/tr-daemon\"], " +
                     $"\"linux\": {{\"deb\": {{\"depends\": [\"{debEntry}\"]}}, \"rpm\": {{\"depends\": [\"{rpmEntry}\"]}}}}}}}}";
        var path = folder.Write("tauri.conf.json", config);

        var result = new TauriConfigPatcher(ConfigFixture.Validator).Patch(path, ConfigFixture.Sidecars, LinuxPackageDependency.OpenSsl3);

        Assert.False(result.Changed);
        Assert.Equal(config, File.ReadAllText(path));
    }

    [Fact]
    public void A_second_patch_changes_no_byte_and_says_unchanged()
    {
        using var folder = new TemporaryFolder();
        var path = folder.Write("tauri.conf.json", "{\n  \"identifier\": \"a.b\"\n}\n");
        var patcher = new TauriConfigPatcher(ConfigFixture.Validator);
        var first = patcher.Patch(path, ConfigFixture.Sidecars, LinuxPackageDependency.OpenSsl3);
        var afterFirst = File.ReadAllBytes(path);
        var writeTime = File.GetLastWriteTimeUtc(path);

        var second = patcher.Patch(path, ConfigFixture.Sidecars, LinuxPackageDependency.OpenSsl3);

        Assert.Equal($"{path}: added src-tauri/binaries/prism, src-tauri/binaries/tr-daemon to externalBin, libssl3t64 | libssl3 to bundle.linux.deb.depends, " +
                     "libssl.so.3()(64bit) to bundle.linux.rpm.depends; valid against Tauri's config schema", first.Summary);
        Assert.False(second.Changed);
        Assert.Equal($"{path}: unchanged; valid against Tauri's config schema", second.Summary);
        Assert.Equal(afterFirst, File.ReadAllBytes(path));
        Assert.Equal(writeTime, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public void A_null_list_is_replaced_and_the_result_is_schema_valid()
    {
        using var folder = new TemporaryFolder();

        var patched = Patch(folder, "{\"identifier\": \"a.b\", \"bundle\": {\"linux\": {\"deb\": {\"depends\": null}}}}");

        Assert.Contains("\"deb\": {\"depends\": [\"libssl3t64 | libssl3\"]}", patched, StringComparison.Ordinal);
        Assert.Empty(ConfigFixture.Validator.Validate(patched));
    }

    [Fact]
    public void A_depends_that_is_not_a_list_of_strings_fails_at_its_position_and_leaves_the_file_alone()
    {
        using var folder = new TemporaryFolder();
        var path = folder.Write("tauri.conf.json", "{\"identifier\": \"a.b\", \"bundle\": {\"linux\": {\"rpm\": {\"depends\": \"openssl\"}}}}");
        var before = File.ReadAllBytes(path);

        var error = Assert.Throws<TauriConfigException>(() =>
            new TauriConfigPatcher(ConfigFixture.Validator).Patch(path, ConfigFixture.Sidecars, LinuxPackageDependency.OpenSsl3));

        Assert.Equal($"{path}:1:63: `bundle.linux.rpm.depends` must be an array of strings (package names). Fix it by hand; the file was left untouched.", error.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_tauri_v1_config_gets_no_dependencies_and_the_summary_says_to_add_them_by_hand()
    {
        using var folder = new TemporaryFolder();
        var path = folder.Write("tauri.conf.json", "{\n  \"tauri\": {}\n}\n");

        var result = new TauriConfigPatcher(ConfigFixture.Validator).Patch(path, ConfigFixture.Sidecars, LinuxPackageDependency.OpenSsl3);

        Assert.Empty(result.AddedDependencies);
        Assert.DoesNotContain("depends", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Contains("Linux package dependencies NOT declared (a Tauri v1 config): add by hand \"libssl3t64 | libssl3\" to the deb depends, " +
                        "\"libssl.so.3()(64bit)\" to the rpm depends", result.Summary, StringComparison.Ordinal);
    }
}
