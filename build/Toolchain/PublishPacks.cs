using System.Text.Json;
using Prism.Pipeline.Engine;
using Prism.Pipeline.Tools;

namespace Prism.Pipeline.Toolchain;

/// <summary>
/// The packs the SDK resolves for one publish, asked of the SDK itself: its ProcessFrameworkReferences target evaluated
/// with the publish's properties (no restore, no build), and each pack's SHA-512 read from NuGet's package cache. These
/// are NuGet downloads that no lock file records; the SDK version decides them.
/// </summary>
internal sealed class PublishPacks(ToolRunner tools, string workingDirectory, string packageCache)
{
    /// <summary>MSBuild item → role in the record.</summary>
    private static readonly (string Item, string Role)[] Items =
    [
        ("RuntimePack", "runtime"),
        ("HostILCompilerPack", "ilcompiler-host"),
        ("TargetILCompilerPack", "ilcompiler-target"),
        ("Crossgen2Pack", "crossgen2"),
        ("_ImplicitPackageReference", "build-package"),
    ];

    /// <summary>NuGet's global package folder, as <c>dotnet nuget locals</c> reports it.</summary>
    public static async Task<string> PackageCacheAsync(ToolRunner tools, string workingDirectory)
    {
        var (exitCode, output) = await tools.CaptureAsync(ToolRunner.DotNetExecutable, ["nuget", "locals", "global-packages", "--list"], workingDirectory);
        const string Prefix = "global-packages:";
        var line = output.Split('\n').Select(text => text.Trim()).FirstOrDefault(text => text.StartsWith(Prefix, StringComparison.Ordinal));
        return exitCode == 0 && line is not null
            ? line[Prefix.Length..].Trim()
            : throw BuildException.Failure($"`dotnet nuget locals global-packages --list` did not name NuGet's package folder (exit code {exitCode}): {output.Trim()}");
    }

    /// <summary>The packs of publishing <paramref name="project"/> for <paramref name="rid"/> with <paramref name="modeProperties"/>, sorted by id.</summary>
    public async Task<IReadOnlyList<PackRecord>> ResolveAsync(string project, string rid, IEnumerable<string> modeProperties)
    {
        string[] arguments =
        [
            "msbuild", project, "-nologo", "-t:ProcessFrameworkReferences", $"-p:RuntimeIdentifier={rid}", "-p:_IsPublishing=true",
            "-p:Configuration=Release", .. modeProperties, .. Items.Select(item => $"-getItem:{item.Item}"), "-getItem:FrameworkReference",
        ];
        var (exitCode, output) = await tools.CaptureAsync(ToolRunner.DotNetExecutable, arguments, workingDirectory);
        if (exitCode != 0)
        {
            throw BuildException.Failure($"Asking the SDK which packs publishing {Path.GetFileName(project)} for {rid} uses failed " +
                $"(`dotnet {string.Join(' ', arguments)}`, exit code {exitCode}): {output.Trim()}");
        }

        return Parse(output, Hash);
    }

    /// <summary>The packs in the JSON <c>dotnet msbuild -getItem</c> prints, each hashed by <paramref name="hash"/> (id, version → SHA-512 or null).</summary>
    public static IReadOnlyList<PackRecord> Parse(string json, Func<string, string, string?> hash)
    {
        using var document = JsonDocument.Parse(json);
        var items = document.RootElement.GetProperty("Items");
        // The SDK lists a runtime pack for every framework it knows (it downloads them all); the publish uses those of
        // the frameworks the project references (tr-daemon: Microsoft.NETCore.App only).
        var frameworks = Identities(items, "FrameworkReference");
        return [.. Items
            .Where(item => items.TryGetProperty(item.Item, out _))
            .SelectMany(item => items.GetProperty(item.Item).EnumerateArray()
                .Where(pack => item.Item != "RuntimePack" || !pack.TryGetProperty("FrameworkName", out var framework) || frameworks.Contains(framework.GetString()!))
                .Select(pack =>
            {
                var id = pack.GetProperty("Identity").GetString()!;
                var version = (pack.TryGetProperty("NuGetPackageVersion", out var packVersion) ? packVersion : pack.GetProperty("Version")).GetString()!;
                return new PackRecord(id, version, item.Role, hash(id, version));
            }))
            .DistinctBy(pack => (pack.Id, pack.Version, pack.Role))
            .OrderBy(pack => pack.Id, StringComparer.Ordinal)
            .ThenBy(pack => pack.Role, StringComparer.Ordinal)];
    }

    private static HashSet<string> Identities(JsonElement items, string item) =>
        items.TryGetProperty(item, out var list)
            ? [.. list.EnumerateArray().Select(entry => entry.GetProperty("Identity").GetString()!)]
            : [];

    /// <summary>
    /// NuGet's content hash of the package — the value a lock file's <c>contentHash</c> holds (SHA-512 of the package
    /// without its signature) — from the <c>.nupkg.metadata</c> NuGet keeps beside every package it extracted; null when
    /// the package is not in the cache (not downloaded yet, or a pack that came with the SDK).
    /// </summary>
    private string? Hash(string id, string version)
    {
        var file = Path.Combine(packageCache, id.ToLowerInvariant(), version.ToLowerInvariant(), ".nupkg.metadata");
        if (!File.Exists(file))
        {
            return null;
        }

        using var metadata = JsonDocument.Parse(File.ReadAllBytes(file));
        return metadata.RootElement.TryGetProperty("contentHash", out var hash) ? hash.GetString() : null;
    }
}
