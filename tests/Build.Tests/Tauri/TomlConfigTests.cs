using Prism.Pipeline.Tauri;

namespace Prism.Pipeline.Tests.Tauri;

/// <summary>A <c>Tauri.toml</c> (Tauri's <c>config-toml</c> feature, kebab-case keys) patched like a .json one:
/// byte-preserving around comments, odd layouts (dotted keys, inline tables, headers in any order), CRLF and tabs;
/// idempotent; validated against Tauri's schema after conversion, its kebab-case keys read as the schema's names.</summary>
public class TomlConfigTests
{
    private static string Patch(TemporaryFolder folder, string config) =>
        ConfigFixture.PatchText(folder, config, LinuxPackageDependency.OpenSsl3, "Tauri.toml");

    [Fact]
    public void A_bundle_section_gets_the_sidecars_appended_and_the_depends_as_dotted_lines_after_its_last_key()
    {
        using var folder = new TemporaryFolder();

        var patched = Patch(folder, """
            # Prism
            product-name = "Prism"
            identifier = "app.example"

            [build]
            frontend-dist = "dist" # built by vite

            [bundle]
            active = true
            external-bin = [
              "bin/helper", # the user's own
            ]

            [app.security]
            csp = "default-src 'self'"

            """);

        Assert.Equal("""
            # Prism
            product-name = "Prism"
            identifier = "app.example"

            [build]
            frontend-dist = "dist" # built by vite

            [bundle]
            active = true
            external-bin = [
              "bin/helper", # the user's own
              "src-tauri/binaries/prism",
              "src-tauri/binaries/tr-daemon",
            ]
            linux.deb.depends = ["libssl3t64 | libssl3"]
            linux.rpm.depends = ["libssl.so.3()(64bit)"]

            [app.security]
            csp = "default-src 'self'"

            """, patched);
    }

    [Fact]
    public void A_config_without_a_bundle_gets_a_new_section_at_the_end_in_its_crlf_and_literal_strings()
    {
        using var folder = new TemporaryFolder();

        var patched = Patch(folder, "identifier = 'app.example'\r\n\r\n[build]\r\nfrontend-dist = 'dist'");

        Assert.Equal("identifier = 'app.example'\r\n\r\n[build]\r\nfrontend-dist = 'dist'\r\n\r\n[bundle]\r\n"
            + "external-bin = ['src-tauri/binaries/prism', 'src-tauri/binaries/tr-daemon']\r\n"
            + "linux.deb.depends = ['libssl3t64 | libssl3']\r\nlinux.rpm.depends = ['libssl.so.3()(64bit)']", patched);
    }

    [Fact]
    public void Dotted_keys_at_the_top_take_new_keys_on_dotted_lines_after_their_own()
    {
        using var folder = new TemporaryFolder();

        var patched = Patch(folder, "identifier = \"a.b\"\nbundle.active = true\nbundle.linux.deb.depends = [ \"libfoo\" ]\n\n[app]\nwith-global-tauri = false\n");

        Assert.Equal("identifier = \"a.b\"\nbundle.active = true\nbundle.linux.deb.depends = [ \"libfoo\", \"libssl3t64 | libssl3\" ]\n"
            + "bundle.linux.rpm.depends = [\"libssl.so.3()(64bit)\"]\nbundle.external-bin = [\"src-tauri/binaries/prism\", \"src-tauri/binaries/tr-daemon\"]\n"
            + "\n[app]\nwith-global-tauri = false\n", patched);
    }

    [Fact]
    public void An_inline_bundle_table_gets_its_keys_inside_its_braces()
    {
        using var folder = new TemporaryFolder();

        var patched = Patch(folder, "identifier = \"a.b\"\nbundle = { active = true, linux = {} }\n");

        Assert.Equal("identifier = \"a.b\"\nbundle = { active = true, linux = { deb.depends = [\"libssl3t64 | libssl3\"], rpm.depends = [\"libssl.so.3()(64bit)\"] }, "
            + "external-bin = [\"src-tauri/binaries/prism\", \"src-tauri/binaries/tr-daemon\"] }\n", patched);
    }

    [Fact]
    public void Tables_defined_only_by_a_deeper_header_get_sections_of_their_own_and_the_users_depends_are_kept()
    {
        using var folder = new TemporaryFolder();

        var patched = Patch(folder, "identifier = \"a.b\"\n\n[bundle.linux.deb]\n\tdepends = [\"libssl3\"] # already there\n");

        Assert.Equal("identifier = \"a.b\"\n\n[bundle.linux.deb]\n\tdepends = [\"libssl3\"] # already there\n\n[bundle]\n"
            + "external-bin = [\"src-tauri/binaries/prism\", \"src-tauri/binaries/tr-daemon\"]\n\n[bundle.linux.rpm]\ndepends = [\"libssl.so.3()(64bit)\"]\n", patched);
    }

    [Fact]
    public void The_camel_case_spelling_tauri_also_accepts_is_recognised_and_kept()
    {
        using var folder = new TemporaryFolder();

        var patched = Patch(folder, "identifier = \"a.b\"\n[bundle]\nexternalBin = [\"src-tauri/binaries/prism\"]\n[bundle.macOS]\nminimum-system-version = \"11.0\"\n");

        Assert.Equal("identifier = \"a.b\"\n[bundle]\nexternalBin = [\"src-tauri/binaries/prism\", \"src-tauri/binaries/tr-daemon\"]\n"
            + "linux.deb.depends = [\"libssl3t64 | libssl3\"]\nlinux.rpm.depends = [\"libssl.so.3()(64bit)\"]\n[bundle.macOS]\nminimum-system-version = \"11.0\"\n", patched);
    }

    [Theory]
    [InlineData("identifier = \"a.b\"\n[bundle]\nactive = true\n")]
    [InlineData("identifier = 'a.b'\r\n[[app.windows]]\r\ntitle = 'Prism'\r\n[bundle.linux.rpm]\r\ndepends = []\r\n")]
    [InlineData("identifier = \"a.b\"\nbundle = {}")]
    public void A_second_run_leaves_the_file_byte_identical(string config)
    {
        using var folder = new TemporaryFolder();
        var first = Patch(folder, config);

        var second = Patch(folder, first);

        Assert.Equal(first, second);
        Assert.Contains("src-tauri/binaries/tr-daemon", first, StringComparison.Ordinal);
    }

    [Fact]
    public void The_converted_config_is_checked_against_tauris_schema_with_its_kebab_case_keys_read_as_the_schemas_names()
    {
        using var folder = new TemporaryFolder();

        var message = ConfigFixture.PatchErrorNamed(folder, "Tauri.toml", "identifier = \"a.b\"\n[build]\nbefore-dev-command = 42\n[bundle]\nuse-local-tools-dir = true\n");

        Assert.StartsWith("Tauri.toml: does not match Tauri's config schema:", message, StringComparison.Ordinal);
        Assert.Contains("/build/beforeDevCommand", message, StringComparison.Ordinal);
        Assert.DoesNotContain("useLocalToolsDir", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_in_both_spellings_is_refused_as_tauri_refuses_it()
    {
        using var folder = new TemporaryFolder();

        var message = ConfigFixture.PatchErrorNamed(folder, "Tauri.toml", "identifier = \"a.b\"\n[bundle]\nexternal-bin = []\nexternalBin = []\n");

        Assert.Equal("Tauri.toml: /bundle/externalBin is set twice, as `external-bin` and as `externalBin`; Tauri refuses a key given in both "
            + "spellings (duplicate field). Keep one of them. The file was left untouched.", message);
    }

    [Theory]
    [InlineData("identifier = \"a.b\"\n[bundle]\nexternal-bin = [\"x\"\n", "Tauri.toml:4:1: invalid TOML:")]
    [InlineData("identifier = \"a.b\"\nbundle.active = true\n[bundle]\nicon = []\n", "Tauri.toml:3:1: invalid TOML:")]
    [InlineData("identifier = \"a.b\"\n[bundle]\nexternal-bin = \"bin/x\"\n", "Tauri.toml:3:16: `bundle.externalBin` must be an array of strings")]
    [InlineData("identifier = \"a.b\"\nbundle = 1\n", "Tauri.toml:2:10: `bundle` must be an object.")]
    public void A_bad_file_gets_an_error_at_its_line_and_column_and_is_left_untouched(string config, string expectedStart)
    {
        using var folder = new TemporaryFolder();

        var message = ConfigFixture.PatchErrorNamed(folder, "Tauri.toml", config);

        Assert.StartsWith(expectedStart, message, StringComparison.Ordinal);
    }
}
