using Prism.Pipeline.Engine;

namespace Prism.Pipeline.Tests.Engine;

public sealed class ParameterTests : IDisposable
{
    private readonly BuildHarness harness = new();

    public void Dispose() => harness.Dispose();

    internal enum Mode
    {
        Auto,
        Aot,
        SingleFile,
    }

    private sealed class Parameterized : RecordingBuild
    {
        [Parameter("Runtimes to publish.")] public readonly string[] Runtimes = ["linux-x64"];
        [Parameter("Publish mode.")] public readonly Mode PublishMode = Mode.Auto;
        [Parameter("Ignore fingerprints.")] public readonly bool Force = false;
        [Parameter("Parallel publishes.")] public readonly int Jobs = 1;
        [Parameter("Tauri config.")] public readonly AbsolutePath? TauriConfig = null;

        Target Show => _ => _.Executes(() => Record(nameof(Show)));
    }

    private Parameterized Bind(params string[] args)
    {
        var build = new Parameterized();
        var run = harness.Run(build, "Show", args);
        Assert.True(run.ExitCode == 0, run.Output);
        return build;
    }

    [Fact]
    public void The_initializer_is_the_default()
    {
        var build = Bind();

        Assert.Equal(["linux-x64"], build.Runtimes);
        Assert.Equal(Mode.Auto, build.PublishMode);
        Assert.False(build.Force);
    }

    [Fact]
    public void The_parameters_file_overrides_the_initializer()
    {
        harness.WriteParametersFile("""{ "$schema": "./build.schema.json", "Runtimes": ["osx-arm64", "win-x64"], "PublishMode": "single-file", "TauriConfig": "app/tauri.conf.json" }""");

        var build = Bind();

        Assert.Equal(["osx-arm64", "win-x64"], build.Runtimes);
        Assert.Equal(Mode.SingleFile, build.PublishMode);
        Assert.Equal(Path.Combine(harness.Root, "app", "tauri.conf.json"), build.TauriConfig?.Value);
    }

    [Fact]
    public void The_environment_overrides_the_parameters_file()
    {
        harness.WriteParametersFile("""{ "Runtimes": ["osx-arm64"] }""");
        harness.Environment["PRISM_RUNTIMES"] = "linux-arm64+win-x86";

        var build = Bind();

        Assert.Equal(["linux-arm64", "win-x86"], build.Runtimes);
    }

    [Fact]
    public void The_command_line_overrides_the_environment()
    {
        harness.Environment["RUNTIMES"] = "osx-arm64";

        var build = Bind("--runtimes", "linux-musl-x64", "linux-arm64");

        Assert.Equal(["linux-musl-x64", "linux-arm64"], build.Runtimes);
    }

    [Theory]
    [InlineData("PublishMode")]
    [InlineData("PUBLISH_MODE")]
    [InlineData("publish_mode")]
    [InlineData("NUKE_PUBLISH_MODE")]
    [InlineData("PRISM_PUBLISH_MODE")]
    public void Environment_names_match_with_any_casing_underscores_and_prefix(string variable)
    {
        harness.Environment[variable] = "aot";

        Assert.Equal(Mode.Aot, Bind().PublishMode);
    }

    [Fact]
    public void The_exact_name_wins_over_a_prefixed_one()
    {
        harness.Environment["NUKE_PUBLISH_MODE"] = "aot";
        harness.Environment["PublishMode"] = "single-file";

        Assert.Equal(Mode.SingleFile, Bind().PublishMode);
    }

    [Fact]
    public void An_empty_environment_variable_is_unset()
    {
        harness.Environment["FORCE"] = "";
        harness.Environment["PRISM_RUNTIMES"] = "";

        var build = Bind();

        Assert.False(build.Force);
        Assert.Equal(["linux-x64"], build.Runtimes);
    }

    [Fact]
    public void A_bare_switch_is_true()
    {
        Assert.True(Bind("--force").Force);
    }

    [Fact]
    public void A_stray_TARGET_variable_never_picks_targets()
    {
        harness.Environment["TARGET"] = "Nothing";
        harness.Environment["NUKE_TARGET"] = "Nothing";
        var build = new Parameterized();

        var run = harness.Run(build, "Show");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["Show"], build.Ran);
    }

    [Fact]
    public void Wrong_values_fail_before_any_target_runs_naming_parameter_source_and_expected_form()
    {
        harness.Environment["PRISM_JOBS"] = "many";
        var build = new Parameterized();

        var run = harness.Run(build, "Show", "--publish-mode", "fast");

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(build.Ran);
        Assert.Contains("--publish-mode: command line --publish-mode gave 'fast', expected one of: auto, aot, single-file.", run.Output, StringComparison.Ordinal);
        Assert.Contains("--jobs: environment variable PRISM_JOBS gave 'many', expected a whole number.", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_option_fails_listing_the_known_ones()
    {
        var run = harness.Run(new Parameterized(), "Show", "--runtime", "linux-x64");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Unknown option '--runtime'. Available options are:", run.Output, StringComparison.Ordinal);
        Assert.Contains("--runtimes", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_parameters_file_fails_with_its_position()
    {
        harness.WriteParametersFile("{\n  \"Runtimes\": [\"a\",\n}");

        var run = harness.Run(new Parameterized(), "Show");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("parameters.json:3:1: not valid JSON", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_lists_targets_and_parameters_with_their_current_values_and_sources()
    {
        harness.Environment["PRISM_PUBLISH_MODE"] = "aot";

        var run = harness.Run(new Parameterized(), "Show", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Show (default)", run.Output, StringComparison.Ordinal);
        Assert.Contains("--publish-mode", run.Output, StringComparison.Ordinal);
        Assert.Contains("now: aot (environment variable PRISM_PUBLISH_MODE)", run.Output, StringComparison.Ordinal);
        Assert.Contains("now: linux-x64 (default)", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_schema_lists_parameters_and_is_rewritten_only_when_it_changes()
    {
        var schema = Path.Combine(harness.Root, ".nuke", "build.schema.json");
        harness.Run(new Parameterized(), "Show");
        var written = File.GetLastWriteTimeUtc(schema);
        File.SetLastWriteTimeUtc(schema, written.AddHours(-1));

        harness.Run(new Parameterized(), "Show");

        Assert.Equal(written.AddHours(-1), File.GetLastWriteTimeUtc(schema));
        var text = File.ReadAllText(schema);
        Assert.Contains("\"PublishMode\"", text, StringComparison.Ordinal);
        Assert.Contains("\"single-file\"", text, StringComparison.Ordinal);
    }
}
