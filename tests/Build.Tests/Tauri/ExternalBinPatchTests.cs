using Prism.Pipeline.Tauri;

namespace Prism.Pipeline.Tests.Tauri;

public class ExternalBinPatchTests
{
    [Fact]
    public void V2_list_gets_missing_sidecars_appended_after_user_entries()
    {
        using var folder = new TemporaryFolder();
        const string config = """
            {
              "identifier": "app.example",
              "bundle": {
                "externalBin": [
                  "binaries/helper"
                ],
                "active": true
              }
            }

            """;

        var patched = ConfigFixture.PatchText(folder, config);

        Assert.Equal("""
            {
              "identifier": "app.example",
              "bundle": {
                "externalBin": [
                  "binaries/helper",
                  "src-tauri/binaries/prism",
                  "src-tauri/binaries/tr-daemon"
                ],
                "active": true
              }
            }

            """, patched);
    }

    [Fact]
    public void V2_bundle_without_external_bin_gets_the_key_after_its_last_member()
    {
        using var folder = new TemporaryFolder();

        var patched = ConfigFixture.PatchText(folder, """
            {
              "identifier": "app.example",
              "bundle": {
                "active": true
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
                ]
              }
            }
            """, patched);
    }

    [Fact]
    public void V2_config_without_bundle_gets_a_bundle_object()
    {
        using var folder = new TemporaryFolder();

        var patched = ConfigFixture.PatchText(folder, """
            {
              "identifier": "app.example",
              "productName": "Example"
            }

            """);

        Assert.Equal("""
            {
              "identifier": "app.example",
              "productName": "Example",
              "bundle": {
                "externalBin": [
                  "src-tauri/binaries/prism",
                  "src-tauri/binaries/tr-daemon"
                ]
              }
            }

            """, patched);
    }

    [Fact]
    public void V1_config_is_patched_under_tauri_bundle()
    {
        using var folder = new TemporaryFolder();

        var patched = ConfigFixture.PatchText(folder, """
            {
              "package": { "productName": "Old" },
              "tauri": {
                "bundle": {
                  "identifier": "app.example"
                }
              }
            }

            """);

        Assert.Equal("""
            {
              "package": { "productName": "Old" },
              "tauri": {
                "bundle": {
                  "identifier": "app.example",
                  "externalBin": [
                    "src-tauri/binaries/prism",
                    "src-tauri/binaries/tr-daemon"
                  ]
                }
              }
            }

            """, patched);
    }

    [Fact]
    public void V1_config_without_bundle_gets_one_inside_tauri()
    {
        using var folder = new TemporaryFolder();

        var patched = ConfigFixture.PatchText(folder, "{\n  \"tauri\": {\n    \"windows\": []\n  }\n}\n");

        Assert.Equal("{\n  \"tauri\": {\n    \"windows\": [],\n    \"bundle\": {\n      \"externalBin\": [\n"
            + "        \"src-tauri/binaries/prism\",\n        \"src-tauri/binaries/tr-daemon\"\n      ]\n    }\n  }\n}\n", patched);
    }

    [Fact]
    public void V1_result_says_it_was_not_schema_validated()
    {
        using var folder = new TemporaryFolder();
        var path = folder.Write("tauri.conf.json", "{\n  \"tauri\": {}\n}\n");

        var result = new TauriConfigPatcher(ConfigFixture.Validator).Patch(path, ConfigFixture.Sidecars);

        Assert.Equal(TauriConfigVersion.V1, result.Version);
        Assert.Contains("NOT schema-validated", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Entries_already_listed_in_another_spelling_are_not_added_again()
    {
        using var folder = new TemporaryFolder();
        var path = folder.Write("tauri.conf.json", """
            {
              "identifier": "app.example",
              "bundle": { "externalBin": ["tools/x", "./src-tauri/binaries/prism"] }
            }
            """);

        var result = new TauriConfigPatcher(ConfigFixture.Validator).Patch(path, ConfigFixture.Sidecars);

        Assert.Equal(["src-tauri/binaries/tr-daemon"], result.AddedEntries);
        Assert.Equal(["tools/x", "./src-tauri/binaries/prism", "src-tauri/binaries/tr-daemon"], result.ExternalBin);
        Assert.Contains("""["tools/x", "./src-tauri/binaries/prism", "src-tauri/binaries/tr-daemon"]""", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_list_is_filled_one_entry_per_line()
    {
        using var folder = new TemporaryFolder();

        var patched = ConfigFixture.PatchText(folder, "{\n  \"identifier\": \"a.b\",\n  \"bundle\": {\n    \"externalBin\": []\n  }\n}\n");

        Assert.Equal("{\n  \"identifier\": \"a.b\",\n  \"bundle\": {\n    \"externalBin\": [\n      \"src-tauri/binaries/prism\",\n"
            + "      \"src-tauri/binaries/tr-daemon\"\n    ]\n  }\n}\n", patched);
    }

    [Fact]
    public void Null_list_is_replaced_by_the_sidecars()
    {
        using var folder = new TemporaryFolder();

        var patched = ConfigFixture.PatchText(folder, "{\n  \"identifier\": \"a.b\",\n  \"bundle\": {\n    \"externalBin\": null\n  }\n}\n");

        Assert.Contains("\"externalBin\": [\n      \"src-tauri/binaries/prism\",", patched, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_keys_and_their_order_and_values_are_kept_byte_for_byte()
    {
        using var folder = new TemporaryFolder();
        const string head = "{\n  \"version\": \"1.2.3\",\n  \"identifier\": \"a.b\",\n  \"plugins\": {\"zeta\": {\"x\": [1.50, 2,3]}},\n  \"bundle\": {\n    \"active\": true";
        const string tail = "\n  },\n  \"productName\": \"\\u00e9t\u00e9\"\n}\n";

        var patched = ConfigFixture.PatchText(folder, head + tail);

        Assert.StartsWith(head, patched, StringComparison.Ordinal);
        Assert.EndsWith(tail, patched, StringComparison.Ordinal);
    }

    [Fact]
    public void Summary_names_the_added_entries()
    {
        using var folder = new TemporaryFolder();
        var path = folder.Write("tauri.conf.json", "{\"identifier\": \"a.b\"}");

        var result = new TauriConfigPatcher(ConfigFixture.Validator).Patch(path, ConfigFixture.Sidecars);

        Assert.Equal($"{path}: added src-tauri/binaries/prism, src-tauri/binaries/tr-daemon to externalBin; valid against Tauri's config schema", result.Summary);
    }
}
