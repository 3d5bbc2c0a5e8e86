using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Prism.Pipeline.Engine;
using Prism.Pipeline.Release.Provenance;
using Prism.Pipeline.Release.Signing;
using Prism.Pipeline.Tools;

namespace Prism.Pipeline.Release.Verification;

/// <summary>
/// Checks a release folder link by link and returns every problem, each naming the file and what disagreed:
/// <list type="number">
/// <item>the minisign signature over SHA256SUMS, with the public key given;</item>
/// <item>every file SHA256SUMS lists (present, same SHA-256), and no file it does not list;</item>
/// <item>manifest.json, the SBOMs and provenance.intoto.json against SHA256SUMS and each other;</item>
/// <item>each archive's entries against the manifest and the SBOMs (the binaries' SHA-256, the SBOMs' bytes).</item>
/// </list>
/// </summary>
internal static class ReleaseVerifier
{
    public const string SignatureFileName = ReleaseChecksums.FileName + ".minisig";

    public static IReadOnlyList<string> Problems(AbsolutePath release, MinisignPublicKey publicKey)
    {
        var problems = new List<string>();
        var sumsPath = release / ReleaseChecksums.FileName;
        if (!sumsPath.FileExists)
        {
            return [$"{ReleaseChecksums.FileName} is missing from {release}: it is what the signature covers and what lists every file."];
        }

        var sums = File.ReadAllBytes(sumsPath);
        var signaturePath = release / SignatureFileName;
        if (!signaturePath.FileExists)
        {
            problems.Add($"{SignatureFileName} is missing: the release is unsigned, so nothing shows who made {ReleaseChecksums.FileName}.");
        }
        else if (MinisignSignature.Problem(publicKey, sums, File.ReadAllText(signaturePath)) is { } signatureProblem)
        {
            problems.Add($"{SignatureFileName} does not verify {ReleaseChecksums.FileName} with key {publicKey.KeyIdText}: {signatureProblem}.");
        }

        var (entries, lineProblems) = ReleaseChecksums.Read(Encoding.UTF8.GetString(sums));
        problems.AddRange(lineProblems);
        var listed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, sha256) in entries)
        {
            if (name.Contains('/') || name.Contains('\\') || name is "." or "..")
            {
                problems.Add($"{ReleaseChecksums.FileName} lists '{name}', which is not a file of the release folder.");
            }
            else if (!listed.TryAdd(name, sha256))
            {
                problems.Add($"{ReleaseChecksums.FileName} lists {name} twice.");
            }
            else if (!(release / name).FileExists)
            {
                problems.Add($"{name} is listed in {ReleaseChecksums.FileName} but missing from {release}.");
            }
            else if (ContentHash.Sha256(release / name) is var actual && actual != sha256)
            {
                problems.Add($"{name}: its SHA-256 is {actual}, {ReleaseChecksums.FileName} lists {sha256}.");
            }
        }

        foreach (var extra in Directory.EnumerateFiles(release).Select(Path.GetFileName).Where(name =>
                     name is not (ReleaseChecksums.FileName or SignatureFileName) && !listed.ContainsKey(name!)).Order(StringComparer.Ordinal))
        {
            problems.Add($"{extra} is in {release} but not listed in {ReleaseChecksums.FileName}: nothing vouches for it.");
        }

        foreach (var required in new[] { ReleasePacker.ManifestFileName, ProvenanceStatement.FileName }.Where(name => !listed.ContainsKey(name)))
        {
            problems.Add($"{ReleaseChecksums.FileName} does not list {required}.");
        }

        if (problems.Count == 0)
        {
            problems.AddRange(ContentProblems(release, listed));
        }

        return problems;
    }

    /// <summary>The manifest, SBOMs, provenance and archives against each other; run once every digest holds.</summary>
    private static List<string> ContentProblems(AbsolutePath release, IReadOnlyDictionary<string, string> listed)
    {
        var problems = new List<string>();
        var manifest = ReleaseManifest.Read(release / ReleasePacker.ManifestFileName);
        var archiveNames = manifest.Sidecars.Select(sidecar => sidecar.Archive).Distinct().ToHashSet(StringComparer.Ordinal);
        var sbomNames = manifest.Sidecars.Select(sidecar => sidecar.Sbom).ToHashSet(StringComparer.Ordinal);
        foreach (var archive in manifest.Archives)
        {
            if (listed.GetValueOrDefault(archive.FileName) is var sum && sum != archive.Sha256)
            {
                problems.Add($"{ReleasePacker.ManifestFileName}: archive {archive.FileName} has SHA-256 {archive.Sha256}, {ReleaseChecksums.FileName} {(sum is null ? "does not list it" : $"lists {sum}")}.");
            }
        }

        foreach (var name in listed.Keys.Where(name => name.StartsWith("prism-sidecars-", StringComparison.Ordinal) && !archiveNames.Contains(name)))
        {
            problems.Add($"{name} is listed in {ReleaseChecksums.FileName} but {ReleasePacker.ManifestFileName} names no sidecar in it.");
        }

        foreach (var name in listed.Keys.Where(name => name.EndsWith(".cdx.json", StringComparison.Ordinal) && !sbomNames.Contains(name)))
        {
            problems.Add($"{name} is listed in {ReleaseChecksums.FileName} but {ReleasePacker.ManifestFileName} names no sidecar it describes.");
        }

        var archiveContents = new Dictionary<string, Dictionary<string, byte[]>>(StringComparer.Ordinal);
        foreach (var archive in archiveNames.Where(listed.ContainsKey))
        {
            try
            {
                archiveContents[archive] = ArchiveFiles(release / archive);
            }
            catch (Exception error) when (error is InvalidDataException or IOException or FormatException)
            {
                problems.Add($"{archive} cannot be read as an archive: {error.Message}");
            }
        }

        foreach (var sidecar in manifest.Sidecars)
        {
            problems.AddRange(SidecarProblems(release, listed, sidecar, manifest.Version, archiveContents.GetValueOrDefault(sidecar.Archive)));
        }

        foreach (var (archive, files) in archiveContents)
        {
            var expected = manifest.Sidecars.Where(sidecar => sidecar.Archive == archive).SelectMany(sidecar => new[] { sidecar.FileName, sidecar.Sbom }).ToHashSet(StringComparer.Ordinal);
            problems.AddRange(files.Keys.Where(name => !expected.Contains(name)).Order(StringComparer.Ordinal)
                .Select(name => $"{archive} holds {name}, which {ReleasePacker.ManifestFileName} does not list for it."));
        }

        problems.AddRange(ProvenanceProblems(release / ProvenanceStatement.FileName, listed, archiveNames, sbomNames));
        return problems;
    }

    private static IEnumerable<string> SidecarProblems(AbsolutePath release, IReadOnlyDictionary<string, string> listed, ManifestSidecar sidecar, string version,
        Dictionary<string, byte[]>? archive)
    {
        if (!listed.TryGetValue(sidecar.Sbom, out var sbomSum))
        {
            yield return $"{ReleasePacker.ManifestFileName}: the SBOM of {sidecar.FileName}, {sidecar.Sbom}, is not listed in {ReleaseChecksums.FileName}.";
            yield break;
        }

        if (sbomSum != sidecar.SbomSha256)
        {
            yield return $"{ReleasePacker.ManifestFileName}: {sidecar.Sbom} has SHA-256 {sidecar.SbomSha256}, {ReleaseChecksums.FileName} lists {sbomSum}.";
        }

        var sbom = File.ReadAllBytes(release / sidecar.Sbom);
        var described = SbomSubject.Read(sbom);
        if (described is null)
        {
            yield return $"{sidecar.Sbom} is not a CycloneDX SBOM of a sidecar (no metadata.component with a SHA-256).";
        }
        else
        {
            if (described.Sha256 != sidecar.Sha256)
            {
                yield return $"{sidecar.Sbom}: the binary's SHA-256 is {described.Sha256}, {ReleasePacker.ManifestFileName} says {sidecar.Sha256} for {sidecar.FileName}.";
            }

            if (described.Name != sidecar.Sidecar || described.Version != version || described.FileName != sidecar.FileName)
            {
                yield return $"{sidecar.Sbom} describes {described.Name} {described.Version} ({described.FileName}), {ReleasePacker.ManifestFileName} {sidecar.Sidecar} {version} ({sidecar.FileName}).";
            }
        }

        if (archive is null)
        {
            yield break;
        }

        if (!archive.TryGetValue(sidecar.FileName, out var binary))
        {
            yield return $"{sidecar.Archive} does not hold {sidecar.FileName}, which {ReleasePacker.ManifestFileName} puts there.";
        }
        else if (Convert.ToHexStringLower(SHA256.HashData(binary)) is var binarySum && binarySum != sidecar.Sha256)
        {
            yield return $"{sidecar.Archive}: {sidecar.FileName} has SHA-256 {binarySum}, {ReleasePacker.ManifestFileName} and its SBOM say {sidecar.Sha256}.";
        }

        if (!archive.TryGetValue(sidecar.Sbom, out var inside))
        {
            yield return $"{sidecar.Archive} does not hold {sidecar.Sbom}.";
        }
        else if (!inside.AsSpan().SequenceEqual(sbom))
        {
            yield return $"{sidecar.Archive}: its {sidecar.Sbom} differs from the {sidecar.Sbom} beside it.";
        }
    }

    private static List<string> ProvenanceProblems(AbsolutePath path, IReadOnlyDictionary<string, string> listed, ISet<string> archives, ISet<string> sboms)
    {
        var name = ProvenanceStatement.FileName;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException error)
        {
            return [$"{name} is not JSON: {error.Message}"];
        }

        using (document)
        {
            var root = document.RootElement;
            var problems = new List<string>();
            if (Text(root, "_type") != ProvenanceStatement.StatementType || Text(root, "predicateType") != ProvenanceStatement.PredicateType)
            {
                problems.Add($"{name} is not an in-toto Statement v1 with an SLSA Provenance v1 predicate.");
                return problems;
            }

            var subjects = root.TryGetProperty("subject", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Select(subject => (Name: Text(subject, "name") ?? "", Sha256: subject.TryGetProperty("digest", out var digest) ? Text(digest, "sha256") : null)).ToList()
                : [];
            var expected = archives.Concat(sboms).ToHashSet(StringComparer.Ordinal);
            foreach (var (subject, sha256) in subjects)
            {
                if (!expected.Contains(subject))
                {
                    problems.Add($"{name}: subject {subject} is not an archive or SBOM of this release.");
                }
                else if (listed.GetValueOrDefault(subject) != sha256)
                {
                    problems.Add($"{name}: subject {subject} has SHA-256 {sha256}, {ReleaseChecksums.FileName} lists {listed.GetValueOrDefault(subject)}.");
                }
            }

            problems.AddRange(expected.Except(subjects.Select(subject => subject.Name)).Order(StringComparer.Ordinal)
                .Select(missing => $"{name} has no subject for {missing}."));
            if (ProvenanceSource.Read(root) is null)
            {
                problems.Add($"{name} names no source commit (predicate.buildDefinition.externalParameters.source.digest.gitCommit).");
            }

            return problems;
        }
    }

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Every regular file of a .tar.gz or .zip archive by name, read into memory (sidecars are a few MiB).</summary>
    public static Dictionary<string, byte[]> ArchiveFiles(AbsolutePath archive)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (archive.Name.EndsWith(".zip", StringComparison.Ordinal))
        {
            using var zip = ZipFile.OpenRead(archive);
            foreach (var entry in zip.Entries)
            {
                using var content = entry.Open();
                using var buffer = new MemoryStream();
                content.CopyTo(buffer);
                files[entry.FullName] = buffer.ToArray();
            }

            return files;
        }

        using var tar = new TarReader(new GZipStream(File.OpenRead(archive), CompressionMode.Decompress));
        while (tar.GetNextEntry() is { } entry)
        {
            using var buffer = new MemoryStream();
            entry.DataStream?.CopyTo(buffer);
            files[entry.Name] = buffer.ToArray();
        }

        return files;
    }
}
