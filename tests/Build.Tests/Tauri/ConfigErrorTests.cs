using Prism.Pipeline.Tauri;

namespace Prism.Pipeline.Tests.Tauri;

public class ConfigErrorTests
{
    [Fact]
    public void Line_comment_is_rejected_with_its_position_and_a_fix()
    {
        using var folder = new TemporaryFolder();

        var message = ConfigFixture.PatchError(folder, "{\n  // the app id\n  \"identifier\": \"a.b\"\n}\n");

        Assert.Equal("tauri.conf.json:2:3: comments are not allowed in a .json Tauri config (Tauri reads it as strict JSON). "
            + "Remove the comment, or move the config to tauri.conf.json5 with Tauri's `config-json5` feature. The file was left untouched.", message);
    }

    [Fact]
    public void Block_comment_is_rejected_as_a_comment()
    {
        using var folder = new TemporaryFolder();

        var message = ConfigFixture.PatchError(folder, "{\n  \"identifier\": \"a.b\", /* old: \"x.y\" */\n  \"version\": \"1.0.0\"\n}\n");

        Assert.StartsWith("tauri.conf.json:2:24: comments are not allowed", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_comma_is_reported_at_its_line_and_column()
    {
        using var folder = new TemporaryFolder();

        var message = ConfigFixture.PatchError(folder, "{\n  \"identifier\": \"a.b\"\n  \"version\": \"1.0.0\"\n}\n");

        Assert.Equal("tauri.conf.json:3:3: invalid JSON: '\"' is invalid after a value. Expected either ',', '}', or ']'. "
            + "Fix the JSON; the file was left untouched.", message);
    }

    [Fact]
    public void Trailing_comma_is_malformed()
    {
        using var folder = new TemporaryFolder();

        var message = ConfigFixture.PatchError(folder, "{\r\n  \"identifier\": \"a.b\",\r\n}\r\n");

        Assert.StartsWith("tauri.conf.json:3:1: invalid JSON:", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Columns_count_characters_not_bytes()
    {
        using var folder = new TemporaryFolder();

        var message = ConfigFixture.PatchError(folder, "{\"productName\": \"Prisme é\" \"x\"}");

        Assert.StartsWith("tauri.conf.json:1:28: invalid JSON:", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_file_is_malformed()
    {
        using var folder = new TemporaryFolder();

        var message = ConfigFixture.PatchError(folder, "{\n  \"identifier\": \"a.b\",\n  \"bundle\": {");

        Assert.StartsWith("tauri.conf.json:3:14: invalid JSON:", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_file_is_malformed_at_its_start()
    {
        using var folder = new TemporaryFolder();

        var message = ConfigFixture.PatchError(folder, "");

        Assert.StartsWith("tauri.conf.json:1:1: invalid JSON:", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Top_level_array_is_rejected()
    {
        using var folder = new TemporaryFolder();

        var message = ConfigFixture.PatchError(folder, "[]");

        Assert.Equal("tauri.conf.json:1:1: a Tauri config must be a JSON object at the top level.", message);
    }

    [Fact]
    public void Bundle_that_is_not_an_object_is_rejected()
    {
        using var folder = new TemporaryFolder();

        var message = ConfigFixture.PatchError(folder, "{\n  \"identifier\": \"a.b\",\n  \"bundle\": true\n}\n");

        Assert.Equal("tauri.conf.json:3:13: `bundle` must be an object. Fix it by hand; the file was left untouched.", message);
    }

    [Fact]
    public void External_bin_that_is_a_string_is_rejected()
    {
        using var folder = new TemporaryFolder();

        var message = ConfigFixture.PatchError(folder, "{\"identifier\": \"a.b\", \"bundle\": {\"externalBin\": \"x\"}}");

        Assert.StartsWith("tauri.conf.json:1:49: `bundle.externalBin` must be an array of strings", message, StringComparison.Ordinal);
    }

    [Fact]
    public void User_entry_ending_in_exe_is_rejected_with_the_fixed_spelling()
    {
        using var folder = new TemporaryFolder();

        var message = ConfigFixture.PatchError(folder, "{\n  \"identifier\": \"a.b\",\n  \"bundle\": {\"externalBin\": [\"binaries/tool.exe\"]}\n}\n");

        Assert.Equal("tauri.conf.json:3:30: externalBin entry 'binaries/tool.exe' ends in .exe, but Tauri adds '-<triple>.exe' "
            + "itself on Windows (tauri#9981). Write 'binaries/tool' instead.", message);
    }

    [Fact]
    public void Required_sidecar_with_a_dot_is_rejected_with_a_suggested_name()
    {
        using var folder = new TemporaryFolder();

        var message = ConfigFixture.PatchError(folder, "{\"identifier\": \"a.b\"}", "src-tauri/binaries/tr.daemon");

        Assert.Equal("tauri.conf.json: the pipeline's sidecar list: externalBin entry 'src-tauri/binaries/tr.daemon': sidecar name "
            + "'tr.daemon' contains a dot: Tauri's shell plugin resolves such names wrongly (plugins-workspace#2950). "
            + "Rename it without dots, e.g. 'tr-daemon'.", message);
    }

    [Fact]
    public void Missing_config_says_how_to_point_at_one()
    {
        using var folder = new TemporaryFolder();
        var path = Path.Combine(folder.Path, "tauri.conf.json");

        var error = Assert.Throws<TauriConfigException>(() => new TauriConfigPatcher(ConfigFixture.Validator).Patch(path, ConfigFixture.Sidecars));

        Assert.Equal($"{path}: Tauri config not found. Pass the right file with --tauri-config, or create it.", error.Message);
    }
}
