using Prism.Pipeline.Tauri;
using Prism.Pipeline.Tauri.Formats;

namespace Prism.Pipeline.Tests.Tauri;

/// <summary>Finding the config Tauri reads: whichever of tauri.conf.json, tauri.conf.json5 and Tauri.toml the project has,
/// and a clear error when it has none or several (Tauri would read the first and silently ignore the rest).</summary>
public class ConfigDiscoveryTests
{
    [Theory]
    [InlineData("tauri.conf.json")]
    [InlineData("tauri.conf.json5")]
    [InlineData("Tauri.toml")]
    public void The_one_config_in_the_root_is_found_in_any_format(string name)
    {
        using var folder = new TemporaryFolder();
        var path = folder.Write(name, "");

        Assert.Equal(path, TauriConfigFiles.Discover(folder.Path, Path.Combine(folder.Path, "src-tauri")));
    }

    [Fact]
    public void A_config_in_src_tauri_is_found_when_the_root_has_none()
    {
        using var folder = new TemporaryFolder();
        var path = folder.Write(Path.Combine("src-tauri", "Tauri.toml"), "");

        Assert.Equal(path, TauriConfigFiles.Discover(folder.Path, Path.Combine(folder.Path, "src-tauri")));
    }

    [Fact]
    public void No_config_names_what_was_looked_for_and_where()
    {
        using var folder = new TemporaryFolder();

        var error = Assert.Throws<TauriConfigException>(() => TauriConfigFiles.Discover(folder.Path));

        Assert.Equal($"No Tauri config found: looked for tauri.conf.json, tauri.conf.json5, Tauri.toml in {folder.Path}. "
            + "Create one there, or pass the file with --tauri-config.", error.Message);
    }

    [Fact]
    public void Two_configs_in_one_folder_are_refused_naming_the_one_tauri_reads()
    {
        using var folder = new TemporaryFolder();
        folder.Write("Tauri.toml", "");
        folder.Write("tauri.conf.json5", "");

        var error = Assert.Throws<TauriConfigException>(() => TauriConfigFiles.Discover(folder.Path));

        Assert.Equal($"{folder.Path}: holds tauri.conf.json5 and Tauri.toml; Tauri reads only tauri.conf.json5 (it looks for tauri.conf.json, "
            + "then tauri.conf.json5, then Tauri.toml) and ignores Tauri.toml, so a change there would never reach a build. "
            + "Merge them into one file and delete the others.", error.Message);
    }

    [Fact]
    public void A_chosen_toml_config_beside_a_json_one_is_refused_because_tauri_would_read_the_json()
    {
        using var folder = new TemporaryFolder();
        folder.Write("tauri.conf.json", "{}");
        var toml = folder.Write("Tauri.toml", "");

        var error = Assert.Throws<TauriConfigException>(() => TauriConfigFiles.EnsureTauriReads(toml));

        Assert.StartsWith($"{folder.Path}: holds tauri.conf.json and Tauri.toml; Tauri reads only tauri.conf.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_config_in_another_format_is_refused_with_the_formats_tauri_reads()
    {
        using var folder = new TemporaryFolder();
        var path = folder.Write("tauri.conf.yaml", "identifier: a.b\n");

        var error = Assert.Throws<TauriConfigException>(() => new TauriConfigPatcher(ConfigFixture.Validator).Patch(path, ConfigFixture.Sidecars));

        Assert.Equal($"{path}: not a Tauri config format: Tauri reads .json (tauri.conf.json), .json5 (tauri.conf.json5, Cargo feature "
            + "`config-json5`) and .toml (Tauri.toml, feature `config-toml`). Pass one of those with --tauri-config.", error.Message);
    }

    [Fact]
    public void A_comment_in_a_json_config_points_to_its_own_json5_twin()
    {
        using var folder = new TemporaryFolder();

        var message = ConfigFixture.PatchErrorNamed(folder, "tauri.linux.conf.json", "{\n  // linux only\n}\n");

        Assert.Contains("move the config to tauri.linux.conf.json5 with Tauri's `config-json5` feature", message, StringComparison.Ordinal);
    }
}
