using System.Text.Json;
using Prism.Pipeline.Sidecars.Publishing;
using Prism.Pipeline.Toolchain;
using Prism.Pipeline.Tools;
using Prism.Platform;

namespace Prism.Pipeline.Tests.Toolchain;

/// <summary>What RecordToolchain writes, asked of the real SDK, NuGet cache and dpkg, and the JSON shape the provenance reads.</summary>
public sealed class ToolchainRecordTests
{
    private static readonly ToolRunner Tools = new(Serilog.Core.Logger.None, CancellationToken.None);

    [Fact]
    public async Task The_sdk_names_a_cross_compiled_aot_publishs_packs_with_the_lock_files_ilcompiler()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "linux-arm64 Native AOT is cross-compiled from a Linux machine.");
        var cache = await PublishPacks.PackageCacheAsync(Tools, RepositoryPaths.Root);
        var packs = new PublishPacks(Tools, RepositoryPaths.Root, cache);

        var resolved = await packs.ResolveAsync(Path.Combine(RepositoryPaths.Root, "src", "Prism.Daemon", "Prism.Daemon.csproj"), "linux-arm64",
            Publisher.ModeProperties(PublishMode.NativeAot));

        using var lockFile = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, "src", "Prism.Daemon", "packages.aot.linux-arm64.lock.json")));
        var locked = lockFile.RootElement.GetProperty("dependencies").GetProperty("net10.0").GetProperty("Microsoft.DotNet.ILCompiler");
        var version = locked.GetProperty("resolved").GetString();
        Assert.Contains(new PackRecord("Microsoft.NETCore.App.Runtime.linux-arm64", version!, "runtime", Hash(cache, "Microsoft.NETCore.App.Runtime.linux-arm64", version!)), resolved);
        Assert.Contains(resolved, pack => pack is { Id: "Microsoft.NETCore.App.Runtime.NativeAOT.linux-arm64", Role: "ilcompiler-target" });
        Assert.Contains(resolved, pack => pack.Id == $"runtime.{CurrentRuntime.Rid}.Microsoft.DotNet.ILCompiler" && pack.Role == "ilcompiler-host");
        var ilCompiler = Assert.Single(resolved, pack => pack.Id == "Microsoft.DotNet.ILCompiler");
        Assert.Equal(version, ilCompiler.Version);
        // The content hash the record gives is the one the lock file pins (not the hash of the signed .nupkg).
        Assert.Equal(locked.GetProperty("contentHash").GetString(), ilCompiler.Sha512);
        // tr-daemon references no ASP.NET Core: its runtime pack is listed by the SDK but not used.
        Assert.DoesNotContain(resolved, pack => pack.Id.StartsWith("Microsoft.AspNetCore.App.Runtime", StringComparison.Ordinal));
    }

    private static string? Hash(string cache, string id, string version)
    {
        var metadata = Path.Combine(cache, id.ToLowerInvariant(), version, ".nupkg.metadata");
        return File.Exists(metadata) ? JsonDocument.Parse(File.ReadAllBytes(metadata)).RootElement.GetProperty("contentHash").GetString() : null;
    }

    [Fact]
    public async Task The_c_runtime_an_aot_link_takes_is_traced_to_its_debian_packages_and_versions()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() && ExecutableSearch.Find("dpkg-query") is not null, "dpkg-query (Debian) is not on this machine.");
        var host = CurrentRuntime.Target;
        var files = new LinuxCrossToolchain(host, "/", name => ExecutableSearch.Find(name)).LinkFiles(host);
        Assert.SkipWhen(files.Count == 0, "this machine has no C runtime for a Native AOT link (libc6-dev).");

        var packages = await new DebianPackages(Tools, RepositoryPaths.Root).OwningAsync(files);

        var libc = Assert.Single(packages, package => package.Name == "libc6-dev");
        var (_, expected) = await Tools.CaptureAsync("dpkg-query", ["-W", "-f=${Version}", $"libc6-dev:{libc.Architecture}"], RepositoryPaths.Root);
        Assert.Equal(expected, libc.Version);
        Assert.Contains(packages, package => package.Name.StartsWith("libgcc-", StringComparison.Ordinal) && package.Name.EndsWith("-dev", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Clang_is_recorded_with_its_version_line_and_package()
    {
        var clang = ExecutableSearch.Find("clang");
        Assert.SkipWhen(clang is null, "clang is not installed.");
        var debian = new DebianPackages(Tools, RepositoryPaths.Root);

        var tool = Assert.Single(await new NativeTools(Tools, debian, RepositoryPaths.Root).DescribeAsync([clang, null]));

        Assert.Equal("clang", tool.Name);
        Assert.Matches(@"clang version \d+\.\d+", tool.Version);
        if (ExecutableSearch.Find("dpkg-query") is not null)
        {
            Assert.StartsWith("clang-", tool.Package);
            Assert.False(string.IsNullOrEmpty(tool.PackageVersion));
        }
    }

    [Fact]
    public void The_record_is_written_in_its_documented_shape()
    {
        var record = new ToolchainRecord(ToolchainRecord.CurrentSchema, "10.0.401",
            [new PublishToolchain("tr-daemon", "linux-arm64", "aot",
                [new PackRecord("Microsoft.NETCore.App.Runtime.linux-arm64", "10.0.12", "runtime", "wi7j+/Q==")],
                [new DebianPackage("libc6-dev", "arm64", "2.36-9+deb12u14")])],
            [new NativeTool("ld.lld", "Debian LLD 14.0.6 (compatible with GNU linkers)", "lld-14", "1:14.0.6-12")]);

        var json = System.Text.Encoding.UTF8.GetString(record.ToJson());

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(["schema", "sdk", "publishes", "native_tools"], root.EnumerateObject().Select(property => property.Name));
        var publish = root.GetProperty("publishes")[0];
        Assert.Equal(["sidecar", "rid", "mode", "packs", "link_packages"], publish.EnumerateObject().Select(property => property.Name));
        Assert.Equal(["id", "version", "role", "sha512"], publish.GetProperty("packs")[0].EnumerateObject().Select(property => property.Name));
        Assert.Equal(["name", "architecture", "version"], publish.GetProperty("link_packages")[0].EnumerateObject().Select(property => property.Name));
        Assert.Equal(["name", "version", "package", "package_version"], root.GetProperty("native_tools")[0].EnumerateObject().Select(property => property.Name));
        Assert.Contains("\"2.36-9+deb12u14\"", json, StringComparison.Ordinal);
        Assert.Equal(record.ToJson(), ToolchainRecord.FromJson(record.ToJson()).ToJson());
    }
}
