using Prism.Pipeline.Engine;

namespace Prism.Pipeline.Release.Sbom;

/// <summary>
/// The packages one sidecar × runtime × publish mode was made from: every package of its restore for that runtime
/// (version and content hash as its lock file pins them, which the restore must agree with), the runtime packs the
/// mode compiles in, and the tools it runs; each with the licence its .nuspec declares.
/// </summary>
internal static class SidecarPackages
{
    public const string Framework = "net10.0";

    public static IReadOnlyList<ResolvedPackage> Collect(RestoredGraph restored, NuGetLockFile lockFile, string rid, bool nativeAot, bool aspNetCore)
    {
        var locked = lockFile.For(Framework, rid);
        var problems = new List<string>();
        var packages = new List<ResolvedPackage>();
        foreach (var (id, version, sha512) in restored.Packages)
        {
            if (!locked.TryGetValue(id, out var pinned))
            {
                problems.Add($"{id} {version} was restored but {lockFile.Path} does not list it for {Framework}/{rid}");
                continue;
            }

            if (pinned.Version != version || pinned.Sha512 != sha512)
            {
                problems.Add($"{id}: the restore gave {version} ({sha512}), {lockFile.Path} pins {pinned.Version} ({pinned.Sha512})");
                continue;
            }

            packages.Add(new ResolvedPackage(id, version, pinned.Sha512, RoleOf(id), PackageLicence.Read(restored.PackagesFolder, id, version)));
        }

        foreach (var (id, version) in restored.DownloadedPacks.Where(pack => Wanted(pack.Id, rid, nativeAot, aspNetCore)))
        {
            packages.Add(new ResolvedPackage(id, version, PackFolderHash(restored.PackagesFolder, id, version), RoleOf(id),
                PackageLicence.Read(restored.PackagesFolder, id, version)));
        }

        if (problems.Count > 0)
        {
            throw BuildException.Problems($"The restore and the lock file disagree (restore in locked mode, or update {lockFile.Path}):", problems);
        }

        return [.. packages.OrderBy(package => package.Id, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>
    /// Which downloaded packs go into this binary: the runtime pack of its mode (Native AOT's own, or the ordinary one a
    /// single file carries), ASP.NET Core's for a web host, and crossgen2 when it ran. The SDK downloads others
    /// (ASP.NET Core's for a console program too) that nothing compiles in.
    /// </summary>
    private static bool Wanted(string id, string rid, bool nativeAot, bool aspNetCore) =>
        id.Equals(nativeAot ? $"Microsoft.NETCore.App.Runtime.NativeAOT.{rid}" : $"Microsoft.NETCore.App.Runtime.{rid}", StringComparison.OrdinalIgnoreCase) ||
        (aspNetCore && id.Equals($"Microsoft.AspNetCore.App.Runtime.{rid}", StringComparison.OrdinalIgnoreCase)) ||
        (!nativeAot && id.StartsWith("Microsoft.NETCore.App.Crossgen2.", StringComparison.OrdinalIgnoreCase));

    private static PackageRole RoleOf(string id) =>
        id.StartsWith("Microsoft.NETCore.App.Runtime.", StringComparison.OrdinalIgnoreCase) || id.StartsWith("Microsoft.AspNetCore.App.Runtime.", StringComparison.OrdinalIgnoreCase)
            ? PackageRole.RuntimePack
            : id.Equals("Microsoft.DotNet.ILCompiler", StringComparison.OrdinalIgnoreCase) || id.EndsWith(".Microsoft.DotNet.ILCompiler", StringComparison.OrdinalIgnoreCase) ||
              id.Equals("Microsoft.NET.ILLink.Tasks", StringComparison.OrdinalIgnoreCase) || id.StartsWith("Microsoft.NETCore.App.Crossgen2.", StringComparison.OrdinalIgnoreCase)
                ? PackageRole.BuildTool
                : PackageRole.Library;

    /// <summary>A downloaded pack is in no lock file: its hash is the one NuGet wrote beside it when it downloaded it.</summary>
    private static string PackFolderHash(string packagesFolder, string id, string version)
    {
        var file = Path.Combine(packagesFolder, id.ToLowerInvariant(), version.ToLowerInvariant(), $"{id.ToLowerInvariant()}.{version.ToLowerInvariant()}.nupkg.sha512");
        return File.Exists(file)
            ? File.ReadAllText(file).Trim()
            : throw BuildException.Failure($"{id} {version} has no {file}: restore it again (delete its folder under {packagesFolder} first).");
    }
}
