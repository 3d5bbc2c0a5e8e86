using System.Text.Json;
using Prism.Pipeline.Engine;

namespace Prism.Pipeline.Release.Verification;

/// <summary>A sidecar as manifest.json lists it.</summary>
internal sealed record ManifestSidecar(string Sidecar, string Rid, string Triple, string PublishMode, string FileName, string Sha256, string Archive, string Sbom, string SbomSha256);

/// <summary>An archive as manifest.json lists it.</summary>
internal sealed record ManifestArchive(string Triple, string FileName, string Sha256);

/// <summary>manifest.json read back: the version, each sidecar and each archive.</summary>
internal sealed record ReleaseManifest(string Version, IReadOnlyList<ManifestSidecar> Sidecars, IReadOnlyList<ManifestArchive> Archives)
{
    public static ReleaseManifest Read(AbsolutePath path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            var sidecars = root.GetProperty("sidecars").EnumerateArray().Select(sidecar => new ManifestSidecar(
                Text(sidecar, "sidecar"), Text(sidecar, "rid"), Text(sidecar, "triple"), Text(sidecar, "publish_mode"),
                Prism.Platform.SidecarFileNames.Staged(Text(sidecar, "sidecar"), Text(sidecar, "triple")),
                Text(sidecar, "sha256"), Text(sidecar, "archive"), Text(sidecar, "sbom"), Text(sidecar, "sbom_sha256"))).ToList();
            var archives = root.GetProperty("archives").EnumerateArray().Select(archive => new ManifestArchive(
                Text(archive, "triple"), Text(archive, "file_name"), Text(archive, "sha256"))).ToList();
            return new ReleaseManifest(Text(root, "version"), sidecars, archives);
        }
        catch (Exception error) when (error is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw BuildException.Failure($"{path} is not a release manifest this build can read ({error.Message}).");
        }
    }

    private static string Text(JsonElement element, string property) => element.GetProperty(property).GetString() ?? throw new InvalidOperationException($"'{property}' is null");
}
