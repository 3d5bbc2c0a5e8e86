using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Prism.Pipeline.Tools;

namespace Prism.Pipeline.Toolchain;

/// <summary>
/// What a rebuild must match to give the same bytes, written by RecordToolchain as <c>artifacts/toolchain.json</c>
/// (schema 1; properties snake_case, lists sorted, no path, host name or time, so two machines with the same toolchain
/// write the same file):
/// <code>
/// {
///   "schema": 1,
///   "sdk": "10.0.401",                                   // dotnet --version (global.json pins it exactly)
///   "publishes": [{                                      // one per sidecar × runtime × mode the run publishes
///     "sidecar": "tr-daemon", "rid": "linux-arm64", "mode": "aot",   // mode: aot | single-file
///     "packs": [{                                        // what the SDK resolves for that publish (not in lock files)
///       "id": "Microsoft.NETCore.App.Runtime.linux-arm64", "version": "10.0.12",
///       "role": "runtime",        // runtime | ilcompiler-host | ilcompiler-target | crossgen2 | build-package
///       "sha512": "base64…"       // NuGet's content hash, as a lock file's contentHash holds it; null when not in the package cache
///     }],
///     "link_packages": [{ "name": "libc6-dev", "architecture": "arm64", "version": "2.36-9+deb12u13" }]  // Native AOT on Linux: the C runtime's Debian packages
///   }],
///   "native_tools": [{ "name": "clang", "version": "Debian clang version 14.0.6", "package": "clang-14", "package_version": "1:14.0.6-12" }]
/// }
/// </code>
/// A field this machine cannot tell (no dpkg, a pack not yet downloaded) is null or an empty list, never guessed.
/// </summary>
internal sealed record ToolchainRecord(int Schema, string Sdk, IReadOnlyList<PublishToolchain> Publishes, IReadOnlyList<NativeTool> NativeTools)
{
    public const int CurrentSchema = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // Plain '+' and '/' in versions and base64 (the default escapes '+' as \u002B), as a person reads them.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static ToolchainRecord FromJson(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<ToolchainRecord>(json, Json) ?? throw new JsonException("the toolchain record is null");

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        new AtomicFile().WriteAllBytes(path, ToJson());
    }
}

/// <summary>The toolchain of one publish: its packs and, for Native AOT on Linux, the Debian packages of the C runtime it links.</summary>
internal sealed record PublishToolchain(string Sidecar, string Rid, string Mode, IReadOnlyList<PackRecord> Packs, IReadOnlyList<DebianPackage> LinkPackages);

/// <summary>A NuGet package the SDK picks for a publish (runtime pack, ILCompiler, Crossgen2) with NuGet's SHA-512 of it.</summary>
internal sealed record PackRecord(string Id, string Version, string Role, string? Sha512);

/// <summary>A native program the build runs (clang, lld, lipo): its own version line and, where dpkg knows it, its package.</summary>
internal sealed record NativeTool(string Name, string Version, string? Package, string? PackageVersion);

/// <summary>An installed Debian package, as dpkg-query reports it.</summary>
internal sealed record DebianPackage(string Name, string Architecture, string Version);
