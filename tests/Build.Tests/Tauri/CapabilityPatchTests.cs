using Prism.Pipeline.Tauri;
using Prism.Pipeline.Tools;

namespace Prism.Pipeline.Tests.Tauri;

/// <summary><c>PatchTauriConfig --tauri-capabilities</c>: the shell:allow-spawn scope of a capability file kept in step with externalBin.</summary>
public class CapabilityPatchTests
{
    private static readonly TauriSchemaValidator Validator = TauriSchemaValidator.LoadDefinition(RepositoryPaths.TauriSchema, "Capability");

    [Fact]
    public void A_capability_without_spawn_rights_gets_a_permission_listing_both_sidecars_in_its_own_layout()
    {
        var patched = PatchText("""
            {
              "identifier": "default",
              "windows": ["main"],
              "permissions": [
                "core:default"
              ]
            }

            """);

        Assert.Equal("""
            {
              "identifier": "default",
              "windows": ["main"],
              "permissions": [
                "core:default",
                {
                  "identifier": "shell:allow-spawn",
                  "allow": [
                    {"name": "src-tauri/binaries/prism", "sidecar": true},
                    {"name": "src-tauri/binaries/tr-daemon", "sidecar": true}
                  ]
                }
              ]
            }

            """, patched);
    }

    [Fact]
    public void Existing_spawn_scope_keeps_the_users_entries_and_gains_only_the_missing_sidecar()
    {
        var patched = PatchText("{\r\n\t\"identifier\": \"default\",\r\n\t\"permissions\": [\r\n\t\t{\r\n\t\t\t\"identifier\": \"shell:allow-spawn\",\r\n\t\t\t\"allow\": [\r\n"
            + "\t\t\t\t{ \"name\": \"my-tool\", \"cmd\": \"/usr/bin/my-tool\" },\r\n\t\t\t\t{ \"name\": \"src-tauri/binaries/prism\", \"sidecar\": true, \"args\": true }\r\n"
            + "\t\t\t]\r\n\t\t},\r\n\t\t\"shell:allow-kill\"\r\n\t]\r\n}");

        Assert.Equal("{\r\n\t\"identifier\": \"default\",\r\n\t\"permissions\": [\r\n\t\t{\r\n\t\t\t\"identifier\": \"shell:allow-spawn\",\r\n\t\t\t\"allow\": [\r\n"
            + "\t\t\t\t{ \"name\": \"my-tool\", \"cmd\": \"/usr/bin/my-tool\" },\r\n\t\t\t\t{ \"name\": \"src-tauri/binaries/prism\", \"sidecar\": true, \"args\": true },\r\n"
            + "\t\t\t\t{\"name\": \"src-tauri/binaries/tr-daemon\", \"sidecar\": true}\r\n"
            + "\t\t\t]\r\n\t\t},\r\n\t\t\"shell:allow-kill\"\r\n\t]\r\n}", patched);
    }

    [Theory]
    [InlineData("{\"identifier\":\"default\",\"permissions\":[]}",
        "{\"identifier\":\"default\",\"permissions\":[{\"identifier\":\"shell:allow-spawn\",\"allow\":[{\"name\":\"src-tauri/binaries/prism\",\"sidecar\":true},{\"name\":\"src-tauri/binaries/tr-daemon\",\"sidecar\":true}]}]}")]
    [InlineData("{\"identifier\": \"default\", \"permissions\": [{\"identifier\": \"shell:allow-spawn\"}]}",
        "{\"identifier\": \"default\", \"permissions\": [{\"identifier\": \"shell:allow-spawn\", \"allow\": [{\"name\": \"src-tauri/binaries/prism\", \"sidecar\": true}, {\"name\": \"src-tauri/binaries/tr-daemon\", \"sidecar\": true}]}]}")]
    public void One_line_files_stay_on_one_line(string capability, string expected)
    {
        Assert.Equal(expected, PatchText(capability));
    }

    [Fact]
    public void Second_run_changes_nothing_and_does_not_rewrite_the_file()
    {
        using var folder = new TemporaryFolder();
        var path = folder.Write("default.json", "{\n  \"identifier\": \"default\",\n  \"permissions\": []\n}\n");
        var patcher = new SidecarCapabilityPatcher(Validator);
        Assert.Equal(ConfigFixture.Sidecars, patcher.Patch(path, ConfigFixture.Sidecars).AddedEntries);
        var afterFirst = File.ReadAllBytes(path);
        var written = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, written);

        var second = patcher.Patch(path, ConfigFixture.Sidecars);

        Assert.False(second.Changed);
        Assert.Equal($"{path}: unchanged; valid against Tauri's Capability schema", second.Summary);
        Assert.Equal(afterFirst, File.ReadAllBytes(path));
        Assert.Equal(written, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public void Malformed_json_is_reported_at_its_line_and_column()
    {
        var message = PatchError("{\n  \"identifier\": \"default\",\n  \"permissions\": [\"core:default\",]\n}\n");

        Assert.StartsWith("default.json:3:34: invalid JSON:", message, StringComparison.Ordinal);
        Assert.EndsWith("Fix the JSON; the file was left untouched.", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_of_several_capabilities_is_refused_with_how_to_fix_it()
    {
        var message = PatchError("{\"capabilities\": [{\"identifier\": \"a\", \"permissions\": []}]}");

        Assert.Equal("default.json:1:1: --tauri-capabilities takes a file holding one capability (a JSON object with \"identifier\" and "
            + "\"permissions\"); this one holds a list. Move the sidecars' capability into a file of its own. The file was left untouched.", message);
    }

    [Fact]
    public void An_entry_for_a_sidecar_without_the_sidecar_flag_is_refused_at_its_position()
    {
        var message = PatchError("{\n  \"identifier\": \"default\",\n  \"permissions\": [\n    {\"identifier\": \"shell:allow-spawn\", \"allow\": [{\"name\": \"src-tauri/binaries/prism\", \"cmd\": \"prism\"}]}\n  ]\n}\n");

        Assert.StartsWith("default.json:4:51: the shell:allow-spawn entry for 'src-tauri/binaries/prism' lacks \"sidecar\": true", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_capability_without_permissions_is_refused()
    {
        var message = PatchError("{\"identifier\": \"default\"}");

        Assert.StartsWith("default.json:1:1: the capability has no \"permissions\" list, which Tauri requires. Add \"permissions\": []", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_result_that_breaks_the_capability_schema_is_not_written()
    {
        var message = PatchError("{\"identifier\": \"default\", \"windows\": \"main\", \"permissions\": []}");

        Assert.StartsWith("default.json: does not match Tauri's Capability schema:", message, StringComparison.Ordinal);
        Assert.Contains("/windows:", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_says_what_to_create()
    {
        using var folder = new TemporaryFolder();
        var path = Path.Combine(folder.Path, "default.json");

        var error = Assert.Throws<TauriConfigException>(() => new SidecarCapabilityPatcher(Validator).Patch(path, ConfigFixture.Sidecars));

        Assert.StartsWith($"{path}: capability file not found. Create it", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void A_failed_write_keeps_the_original_file()
    {
        using var folder = new TemporaryFolder();
        const string Capability = "{\"identifier\": \"default\", \"permissions\": []}";
        var path = folder.Write("default.json", Capability);
        var failingFile = new AtomicFile(temporary => new AtomicWriteTests.FailingStream(temporary, bytesBeforeFailure: 10));

        Assert.Throws<IOException>(() => new SidecarCapabilityPatcher(Validator, failingFile).Patch(path, ConfigFixture.Sidecars));

        Assert.Equal(Capability, File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(folder.Path));
    }

    private static string PatchText(string capability)
    {
        using var folder = new TemporaryFolder();
        var path = folder.Write("default.json", capability);
        new SidecarCapabilityPatcher(Validator).Patch(path, ConfigFixture.Sidecars);
        return File.ReadAllText(path);
    }

    private static string PatchError(string capability)
    {
        using var folder = new TemporaryFolder();
        var path = folder.Write("default.json", capability);
        var before = File.ReadAllBytes(path);
        var error = Assert.Throws<TauriConfigException>(() => new SidecarCapabilityPatcher(Validator).Patch(path, ConfigFixture.Sidecars));
        Assert.Equal(before, File.ReadAllBytes(path));
        return error.Message.Replace(path, "default.json", StringComparison.Ordinal);
    }

    [Fact]
    public void A_toml_capability_is_refused_with_the_entry_to_add_by_hand_and_left_untouched()
    {
        using var folder = new TemporaryFolder();
        const string capability = "identifier = \"sidecars\"\nwindows = [\"main\"]\npermissions = []\n";
        var path = folder.Write("sidecars.toml", capability);

        var error = Assert.Throws<TauriConfigException>(() => new SidecarCapabilityPatcher(Validator).Patch(path, ["binaries/prism"]));

        Assert.Equal($"{path}: --tauri-capabilities edits JSON capability files only (Tauri also reads .toml ones, which this build does not "
            + "rewrite). Give the sidecars a .json capability of their own in the same folder, or add to this one by hand: [[permissions]] "
            + "identifier = \"shell:allow-spawn\" allow = [{ name = \"binaries/prism\", sidecar = true }]. The file was left untouched.", error.Message);
        Assert.Equal(capability, File.ReadAllText(path));
    }
}
