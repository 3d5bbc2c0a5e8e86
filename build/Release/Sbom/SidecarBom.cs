namespace Prism.Pipeline.Release.Sbom;

/// <summary>What one SBOM describes: a staged sidecar binary and the packages it was made from.</summary>
internal sealed record SidecarBom(string Sidecar, string Version, string FileName, string Sha256, string Triple, IReadOnlyList<string> Rids,
    string PublishMode, IReadOnlyList<ResolvedPackage> Packages)
{
    /// <summary>The SBOM's file name, in the archive and beside it: the staged binary's name (without .exe) + <c>.cdx.json</c>.</summary>
    public string BomFileName => FileNameFor(FileName);

    public static string FileNameFor(string binaryFileName) =>
        (binaryFileName.EndsWith(".exe", StringComparison.Ordinal) ? binaryFileName[..^4] : binaryFileName) + ".cdx.json";
}
