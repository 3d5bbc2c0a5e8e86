using Prism.Pipeline.Tauri;

namespace Prism.Pipeline.Tests.Tauri;

/// <summary>A <c>tauri.conf.json5</c> (Tauri's <c>config-json5</c> feature) patched like a .json one: byte-preserving
/// around comments, trailing commas, unquoted keys, single quotes, hex numbers, CRLF and tabs; idempotent; validated
/// against Tauri's schema after conversion to JSON.</summary>
public class Json5ConfigTests
{
    private static string Patch(TemporaryFolder folder, string config) =>
        ConfigFixture.PatchText(folder, config, LinuxPackageDependency.OpenSsl3, "tauri.conf.json5");

    [Fact]
    public void A_commented_config_with_trailing_commas_gets_the_sidecars_after_the_users_entry_and_its_comment()
    {
        using var folder = new TemporaryFolder();

        var patched = Patch(folder, """
            // Prism's Tauri config
            {
              identifier: 'app.example', /* reverse DNS */
              bundle: {
                active: true,
                externalBin: [
                  'bin/helper', // the user's own sidecar
                ],
                linux: { deb: { depends: ['libfoo'] }, rpm: { depends: [] } },
              },
            }

            """);

        Assert.Equal("""
            // Prism's Tauri config
            {
              identifier: 'app.example', /* reverse DNS */
              bundle: {
                active: true,
                externalBin: [
                  'bin/helper', // the user's own sidecar
                  'src-tauri/binaries/prism',
                  'src-tauri/binaries/tr-daemon',
                ],
                linux: { deb: { depends: ['libfoo', 'libssl3t64 | libssl3'] }, rpm: { depends: ['libssl.so.3()(64bit)'] } },
              },
            }

            """, patched);
    }

    [Fact]
    public void A_comment_ending_the_last_items_line_stays_with_that_item_when_there_is_no_trailing_comma()
    {
        using var folder = new TemporaryFolder();

        var patched = ConfigFixture.PatchText(folder, "{\n  \"identifier\": \"a.b\",\n  \"bundle\": {\n    \"externalBin\": [\n      \"bin/helper\" // mine\n    ]\n  }\n}\n", fileName: "tauri.conf.json5");

        Assert.Equal("{\n  \"identifier\": \"a.b\",\n  \"bundle\": {\n    \"externalBin\": [\n      \"bin/helper\", // mine\n"
            + "      \"src-tauri/binaries/prism\",\n      \"src-tauri/binaries/tr-daemon\"\n    ]\n  }\n}\n", patched);
    }

    [Fact]
    public void Missing_keys_are_created_unquoted_in_a_crlf_tab_indented_file_whose_keys_are_unquoted()
    {
        using var folder = new TemporaryFolder();

        var patched = Patch(folder, "{\r\n\tidentifier: \"a.b\",\r\n\tversion: \"0x10\", // not a number\r\n\tapp: { windows: [{ width: 0x320, height: .5e3, }] },\r\n}\r\n");

        Assert.Equal("{\r\n\tidentifier: \"a.b\",\r\n\tversion: \"0x10\", // not a number\r\n\tapp: { windows: [{ width: 0x320, height: .5e3, }] },\r\n"
            + "\tbundle: {\r\n\t\texternalBin: [\r\n\t\t\t\"src-tauri/binaries/prism\",\r\n\t\t\t\"src-tauri/binaries/tr-daemon\"\r\n\t\t],\r\n"
            + "\t\tlinux: {\r\n\t\t\tdeb: {\r\n\t\t\t\tdepends: [\r\n\t\t\t\t\t\"libssl3t64 | libssl3\"\r\n\t\t\t\t]\r\n\t\t\t},\r\n"
            + "\t\t\trpm: {\r\n\t\t\t\tdepends: [\r\n\t\t\t\t\t\"libssl.so.3()(64bit)\"\r\n\t\t\t\t]\r\n\t\t\t}\r\n\t\t}\r\n\t},\r\n}\r\n", patched);
    }

    [Fact]
    public void A_comment_inside_an_empty_list_is_kept_before_the_new_entries()
    {
        using var folder = new TemporaryFolder();

        var patched = ConfigFixture.PatchText(folder, "{\n  identifier: 'a.b',\n  bundle: {\n    externalBin: [\n      // sidecars go here\n    ],\n  },\n}\n", fileName: "tauri.conf.json5");

        Assert.Equal("{\n  identifier: 'a.b',\n  bundle: {\n    externalBin: [\n      // sidecars go here\n"
            + "      'src-tauri/binaries/prism',\n      'src-tauri/binaries/tr-daemon'\n    ],\n  },\n}\n", patched);
    }

    [Fact]
    public void A_second_run_changes_nothing()
    {
        using var folder = new TemporaryFolder();
        var config = "/* c */ {identifier: 'a.b', bundle: {externalBin: ['x/y',],},}";
        var first = Patch(folder, config);

        var second = Patch(folder, first);

        Assert.Equal(first, second);
        Assert.Equal("/* c */ {identifier: 'a.b', bundle: {externalBin: ['x/y', 'src-tauri/binaries/prism', 'src-tauri/binaries/tr-daemon',], "
            + "linux: {deb: {depends: ['libssl3t64 | libssl3']}, rpm: {depends: ['libssl.so.3()(64bit)']}},},}", first);
    }

    [Fact]
    public void The_converted_config_is_checked_against_tauris_schema()
    {
        using var folder = new TemporaryFolder();

        var message = ConfigFixture.PatchErrorNamed(folder, "tauri.conf.json5", "{identifier: 'a.b', bundle: {active: 'yes'}}");

        Assert.StartsWith("tauri.conf.json5: does not match Tauri's config schema:", message, StringComparison.Ordinal);
        Assert.Contains("/bundle/active", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{identifier: 'a.b\n'}", "tauri.conf.json5:1:18: invalid JSON5: a line break inside a string")]
    [InlineData("{\n  identifier: 'a.b' 'c'\n}", "tauri.conf.json5:2:21: invalid JSON5: ''' after a member (expected ',' or '}')")]
    [InlineData("{\n  /* never closed\n}", "tauri.conf.json5:2:3: invalid JSON5: a /* comment that is never closed with */")]
    [InlineData("{a: 012}", "tauri.conf.json5:1:5: invalid JSON5: a number with a leading zero")]
    [InlineData("{a: '\\1'}", "tauri.conf.json5:1:6: invalid JSON5: the escape \\1")]
    [InlineData("{1a: 1}", "tauri.conf.json5:1:2: invalid JSON5: '1' where a member name was expected")]
    public void A_syntax_error_names_the_line_and_column_and_the_file_is_left_untouched(string config, string expectedStart)
    {
        using var folder = new TemporaryFolder();

        var message = ConfigFixture.PatchErrorNamed(folder, "tauri.conf.json5", config);

        Assert.StartsWith(expectedStart, message, StringComparison.Ordinal);
        Assert.EndsWith("Fix the JSON5; the file was left untouched.", message, StringComparison.Ordinal);
    }

    [Fact]
    public void New_objects_are_indented_as_the_members_are_not_as_a_comments_continuation_line()
    {
        using var folder = new TemporaryFolder();

        var patched = ConfigFixture.PatchText(folder, "/* header\n   comment */\n{\n    identifier: 'a.b',\n}\n", fileName: "tauri.conf.json5");

        Assert.Equal("/* header\n   comment */\n{\n    identifier: 'a.b',\n    bundle: {\n        externalBin: [\n"
            + "            'src-tauri/binaries/prism',\n            'src-tauri/binaries/tr-daemon'\n        ]\n    },\n}\n", patched);
    }
}
