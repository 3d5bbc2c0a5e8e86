using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Prism.Host.Tests;

/// <summary>
/// The host-side names in README.md's "In your Tauri app" recipe — the arguments, the token variable, the ready
/// line's fields — checked against a started host, so a rename fails here. (The sidecar and externalBin names are
/// checked against the build in Build.Tests.)
/// </summary>
public sealed partial class TauriRecipeNamesTests
{
    private static readonly string Recipe = ReadRecipe();

    [Fact]
    public async Task The_recipes_arguments_and_token_variable_start_a_host_whose_ready_line_has_the_fields_the_recipe_reads()
    {
        var arguments = JsonSerializer.Deserialize<string[]>(RustArguments().Match(Recipe).Groups["list"].Value)!;
        var variables = RustEnvironment().Matches(Recipe).Select(match => match.Groups["name"].Value).ToList();
        Assert.NotEmpty(arguments);
        var variable = Assert.Single(variables);
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

        await using var host = await HostProcess.StartAsync(new Dictionary<string, string?> { [variable] = token }, arguments: arguments);

        Assert.Equal(token, host.ReadyLine.GetProperty("token").GetString());
        var described = JsonFields().Matches(ReadyObject().Match(Recipe).Value).Select(match => match.Groups["field"].Value).ToList();
        Assert.Equal(host.ReadyLine.EnumerateObject().Select(property => property.Name).Order(), described.Order());
        var read = RustReadyField().Matches(Recipe).Select(match => match.Groups["field"].Value).ToList();
        Assert.NotEmpty(read);
        Assert.All(read, field => Assert.Contains(field, described));
    }

    [Fact]
    public async Task The_recipe_spawns_prism_without_any_setting_the_sidecars_read_from_the_apps_environment_and_then_adds_the_token()
    {
        var kept = RustEnvironmentFilter().Match(Recipe);
        Assert.True(kept.Success, "the recipe clears prism's environment (env_clear) and passes back the app's own without one prefix (envs(vars_os().filter(..)))");
        var prefix = kept.Groups["prefix"].Value;
        var token = RustEnvironment().Match(Recipe);
        Assert.True(token.Index > kept.Index, "the recipe sets the token after clearing the environment, or the clear would remove it");

        // Every setting either sidecar reads, as their --help lists them: none may pass from the app's environment.
        var (_, hostHelp, _) = await HostProcess.RunAsync("--help");
        var daemonHelp = await DaemonHelpAsync();
        var settings = SettingName().Matches(hostHelp + daemonHelp).Select(match => match.Value).Distinct().ToList();

        Assert.Contains("PRISM_DAEMON_PATH", settings);
        Assert.Contains("PRISM_TR_API_URL", settings);
        Assert.All(settings, setting => Assert.StartsWith(prefix, setting, StringComparison.Ordinal));
    }

    [Fact]
    public void The_javascript_variant_sets_the_same_token_variable()
    {
        var rust = RustEnvironment().Match(Recipe).Groups["name"].Value;

        Assert.Matches($@"env: \{{ {Regex.Escape(rust)}: token \}}", Recipe);
    }

    /// <summary>What <c>tr-daemon --help</c> (this build's) prints.</summary>
    private static async Task<string> DaemonHelpAsync()
    {
        var help = await ProcessRunner.RunAsync(new System.Diagnostics.ProcessStartInfo(DotnetHost.Path, [BuildOutputs.DaemonDll, "--help"]), HostProcess.StartTimeout, TestContext.Current.CancellationToken);
        Assert.True(help.ExitCode == 0, $"tr-daemon --help: {help}");
        return help.Stdout;
    }

    /// <summary>The section from its heading to the next second-level heading of the repository's README.md.</summary>
    private static string ReadRecipe() => RepositoryRoot.ReadmeSection("## In your Tauri app");

    [GeneratedRegex(@"\.args\((?<list>\[[^\]]*\])\)")]
    private static partial Regex RustArguments();

    [GeneratedRegex(@"\.env\(""(?<name>[A-Z_]+)""")]
    private static partial Regex RustEnvironment();

    [GeneratedRegex(@"\.env_clear\(\)\s*\.envs\(std::env::vars_os\(\)\.filter\(\|\(name, _\)\| !name\.to_string_lossy\(\)\.starts_with\(""(?<prefix>[A-Z_]+)""\)\)\)")]
    private static partial Regex RustEnvironmentFilter();

    /// <summary>An environment variable's name as the --help texts write them (upper case with an underscore).</summary>
    [GeneratedRegex(@"\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b")]
    private static partial Regex SettingName();

    [GeneratedRegex(@"\{""event"":""ready""[^}]*\}")]
    private static partial Regex ReadyObject();

    [GeneratedRegex(@"""(?<field>[a-z_]+)"":")]
    private static partial Regex JsonFields();

    [GeneratedRegex(@"ready\[""(?<field>[a-z_]+)""\]")]
    private static partial Regex RustReadyField();
}
