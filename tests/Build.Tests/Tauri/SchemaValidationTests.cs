using Prism.Pipeline.Tauri;

namespace Prism.Pipeline.Tests.Tauri;

public class SchemaValidationTests
{
    [Fact]
    public void Repository_config_is_valid_and_already_lists_both_sidecars()
    {
        using var folder = new TemporaryFolder();
        var path = folder.Write("tauri.conf.json", File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tauri.conf.json")));

        var result = new TauriConfigPatcher(ConfigFixture.Validator).Patch(path, ConfigFixture.Sidecars);

        Assert.False(result.Changed);
        Assert.Equal(ConfigFixture.Sidecars, result.ExternalBin);
        Assert.Equal($"{path}: unchanged; valid against Tauri's config schema", result.Summary);
    }

    [Fact]
    public void Violation_is_reported_at_its_json_pointer()
    {
        var violations = ConfigFixture.Validator.Validate("{\"identifier\": \"a.b\", \"bundle\": {\"active\": \"yes\"}}");

        Assert.Contains(new SchemaViolation("/bundle/active", "Value is \"string\" but should be \"boolean\""), violations);
    }

    [Fact]
    public void Valid_config_has_no_violations()
    {
        Assert.Empty(ConfigFixture.Validator.Validate("{\"identifier\": \"a.b\", \"bundle\": {\"externalBin\": [\"x\"]}}"));
    }

    [Fact]
    public void Patch_that_would_leave_an_invalid_config_writes_nothing_and_lists_the_violations()
    {
        using var folder = new TemporaryFolder();

        var message = ConfigFixture.PatchError(folder, "{\n  \"identifier\": 42\n}\n");

        Assert.StartsWith("tauri.conf.json: does not match Tauri's config schema:", message, StringComparison.Ordinal);
        Assert.Contains(Environment.NewLine + "  - /identifier: Value is \"integer\" but should be \"string\"", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_schema_says_to_run_npm_ci()
    {
        using var folder = new TemporaryFolder();
        var schemaPath = TauriSchemaValidator.SchemaPathUnder(folder.Path);

        var error = Assert.Throws<TauriConfigException>(() => TauriSchemaValidator.Load(schemaPath));

        Assert.Equal($"{schemaPath}: Tauri's config schema is missing, so tauri.conf.json cannot be validated. Run `npm ci` in the "
            + "repository root (it installs the pinned @tauri-apps/cli, which ships config.schema.json).", error.Message);
    }

    [Fact]
    public async Task The_schema_is_the_pinned_clis_whether_npm_installed_it_or_the_build_fetched_it()
    {
        var pinned = await PinnedCliTarball.ReadAsync(TestContext.Current.CancellationToken);

        Assert.Equal(pinned.ConfigSchema, File.ReadAllBytes(RepositoryPaths.TauriSchema));
    }
}
