using System.Text.Json;
using System.Text.RegularExpressions;

namespace Prism.Pipeline.Tests.Tauri;

/// <summary>The repository's tauri.conf.json agrees with the README recipe: prism picks its port at run time and the app
/// makes the window, so the config names no port and no window, bundles a placeholder page, and its CSP admits the
/// host's loopback origin on any port and nothing else.</summary>
public sealed partial class RepositoryConfigTests
{
    private static readonly string ConfigPath = Path.Combine(RepositoryPaths.Root, "tauri.conf.json");

    private static readonly string[] LoopbackOnAnyPort = ["http://127.0.0.1:*"];

    private static readonly JsonElement Config = JsonDocument.Parse(File.ReadAllBytes(ConfigPath)).RootElement.Clone();

    [Fact]
    public void No_port_is_fixed_anywhere_in_the_config()
    {
        Assert.DoesNotMatch(FixedLoopbackPort(), File.ReadAllText(ConfigPath));
    }

    [Fact]
    public void No_window_is_declared_because_the_app_creates_it_at_the_hosts_url()
    {
        var app = Config.GetProperty("app");

        Assert.True(!app.TryGetProperty("windows", out var windows) || windows.GetArrayLength() == 0, $"app.windows declares {windows}");
        Assert.False(Config.GetProperty("build").TryGetProperty("devUrl", out _), "build.devUrl is set, but there is no dev server: the window goes to the URL prism reports");
    }

    [Fact]
    public void The_bundled_frontend_is_a_local_placeholder_page()
    {
        var frontendDist = Config.GetProperty("build").GetProperty("frontendDist").GetString()!;
        var index = Path.Combine(RepositoryPaths.Root, frontendDist, "index.html");

        Assert.False(Uri.TryCreate(frontendDist, UriKind.Absolute, out var url) && url.Scheme.StartsWith("http", StringComparison.Ordinal), $"frontendDist is the URL {frontendDist}");
        Assert.True(File.Exists(index), $"{index} does not exist");
        Assert.Contains("starting", File.ReadAllText(index), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_csp_admits_the_loopback_origin_on_any_port_and_nothing_else()
    {
        var csp = Config.GetProperty("app").GetProperty("security").GetProperty("csp").GetString()!;
        var directives = csp.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(directive => directive.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToList();

        Assert.Contains(directives, directive => directive[0] == "default-src");
        Assert.All(directives, directive => Assert.Equal(LoopbackOnAnyPort, directive[1..]));
    }

    [GeneratedRegex(@"(127\.0\.0\.1|localhost|\[::1\]):\d")]
    private static partial Regex FixedLoopbackPort();
}
