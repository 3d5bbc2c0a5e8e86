using System.Text.Json;
using System.Text.RegularExpressions;
using Prism.Pipeline.Tauri;
using Prism.Pipeline.Tests.Engine;

namespace Prism.Pipeline.Tests.Tauri;

/// <summary>
/// Every build-side name in README.md's "In your Tauri app" recipe exists in the real build and the repository's
/// tauri.conf.json, so renaming a sidecar, an externalBin entry, a target or a parameter fails here. (The host-side
/// names — PRISM_HOST_TOKEN and the ready line's fields — are checked against a started host in Prism.Host.Tests.)
/// </summary>
public sealed partial class TauriRecipeNamesTests
{
    private static readonly string Recipe = ReadRecipe();

    private static readonly IReadOnlyList<string> ExternalBin =
        TauriConfigDocument.Load(Path.Combine(RepositoryPaths.Root, "tauri.conf.json")).Entries;

    [Fact]
    public void Each_name_given_to_the_rust_sidecar_call_is_a_sidecar_of_the_build_listed_in_externalBin()
    {
        var names = RustSidecarCall().Matches(Recipe).Select(match => match.Groups["name"].Value).ToList();

        Assert.NotEmpty(names);
        foreach (var name in names)
        {
            Assert.Contains(name, Build.Sidecars.Select(sidecar => sidecar.Name));
            Assert.Contains(name, ExternalBin.Select(ExternalBinEntries.SidecarName));
        }
    }

    [Fact]
    public void Each_name_the_javascript_variant_and_its_capability_use_is_an_externalBin_entry_as_written()
    {
        var names = JavaScriptSidecarCall().Matches(Recipe).Concat(CapabilityName().Matches(Recipe)).Select(match => match.Groups["name"].Value).ToList();

        Assert.True(names.Count >= 2, "the recipe names the sidecar in Command.sidecar(..) and in its capability");
        Assert.All(names, name => Assert.Contains(name, ExternalBin));
    }

    [Fact]
    public void Every_sidecar_of_the_build_is_named_among_the_staged_files_the_recipe_ships()
    {
        Assert.All(Build.Sidecars, sidecar => Assert.Contains($"src-tauri/binaries/{sidecar.Name}-<triple>", Recipe, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_build_command_of_the_recipe_is_accepted_by_the_build()
    {
        var commands = BuildCommand().Matches(Recipe).Select(match => match.Groups["command"].Value).Distinct().ToList();

        Assert.Contains(commands, command => command.Contains("--tauri-capabilities", StringComparison.Ordinal));
        foreach (var command in commands)
        {
            using var harness = new BuildHarness();
            var run = harness.Run(new Build(), "Smoke", [.. command.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1), "--plan"]);
            Assert.True(run.ExitCode == 0, $"README: `{command}` is refused by the build (exit {run.ExitCode}):{Environment.NewLine}{run.Output}");
        }
    }

    [Fact]
    public void The_capability_the_recipe_shows_is_the_one_the_patcher_writes()
    {
        var shown = CapabilityShown().Match(Recipe);
        Assert.True(shown.Success, "the recipe shows the shell:allow-spawn capability entry");
        using var entry = JsonDocument.Parse(shown.Value);

        Assert.Equal(SidecarCapabilityPatcher.SpawnPermission, entry.RootElement.GetProperty("identifier").GetString());
        var allowed = Assert.Single(entry.RootElement.GetProperty("allow").EnumerateArray());
        Assert.True(allowed.GetProperty("sidecar").GetBoolean());
    }

    /// <summary>The section from its heading to the next second-level heading.</summary>
    private static string ReadRecipe() => RepositoryRoot.ReadmeSection("## In your Tauri app");

    [GeneratedRegex(@"\.sidecar\(""(?<name>[^""]+)""\)")]
    private static partial Regex RustSidecarCall();

    [GeneratedRegex(@"Command\.sidecar\('(?<name>[^']+)'")]
    private static partial Regex JavaScriptSidecarCall();

    [GeneratedRegex(@"""name"": ""(?<name>[^""]+)""")]
    private static partial Regex CapabilityName();

    [GeneratedRegex(@"\{""identifier"": ""shell:allow-spawn"".*?\]\}")]
    private static partial Regex CapabilityShown();

    [GeneratedRegex(@"`(?<command>\./build\.sh [^`]+)`")]
    private static partial Regex BuildCommand();
}
