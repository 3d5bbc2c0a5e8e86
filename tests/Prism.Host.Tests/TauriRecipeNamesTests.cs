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
    public void The_javascript_variant_sets_the_same_token_variable()
    {
        var rust = RustEnvironment().Match(Recipe).Groups["name"].Value;

        Assert.Matches($@"env: \{{ {Regex.Escape(rust)}: token \}}", Recipe);
    }

    /// <summary>The section from its heading to the next second-level heading of the repository's README.md.</summary>
    private static string ReadRecipe()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "global.json")))
        {
            folder = folder.Parent;
        }

        Assert.True(folder is not null, $"no global.json above {AppContext.BaseDirectory}: run the tests from the repository");
        var readme = File.ReadAllText(Path.Combine(folder.FullName, "README.md"));
        var start = readme.IndexOf("\n## In your Tauri app\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has a section \"## In your Tauri app\"");
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return end < 0 ? readme[start..] : readme[start..end];
    }

    [GeneratedRegex(@"\.args\((?<list>\[[^\]]*\])\)")]
    private static partial Regex RustArguments();

    [GeneratedRegex(@"\.env\(""(?<name>[A-Z_]+)""")]
    private static partial Regex RustEnvironment();

    [GeneratedRegex(@"\{""event"":""ready""[^}]*\}")]
    private static partial Regex ReadyObject();

    [GeneratedRegex(@"""(?<field>[a-z_]+)"":")]
    private static partial Regex JsonFields();

    [GeneratedRegex(@"ready\[""(?<field>[a-z_]+)""\]")]
    private static partial Regex RustReadyField();
}
