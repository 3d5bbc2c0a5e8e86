namespace Prism.Pipeline.Release.Sbom;

/// <summary>A NuGet package one publish used: exact version, the SHA-512 of its .nupkg (NuGet's content hash, base64), its role and licence.</summary>
internal sealed record ResolvedPackage(string Id, string Version, string Sha512, PackageRole Role, PackageLicence Licence)
{
    /// <summary>The package URL (purl spec, type nuget): the id as NuGet spells it, the exact version.</summary>
    public string Purl => $"pkg:nuget/{Uri.EscapeDataString(Id)}@{Uri.EscapeDataString(Version)}";

    /// <summary>The content hash as lower-case hex, the form CycloneDX's hash pattern takes.</summary>
    public string Sha512Hex => Convert.ToHexStringLower(Convert.FromBase64String(Sha512));
}
