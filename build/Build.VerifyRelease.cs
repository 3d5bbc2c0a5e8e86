using System.Text.Json;
using Prism.Pipeline.Engine;
using Prism.Pipeline.Release;
using Prism.Pipeline.Release.Provenance;
using Prism.Pipeline.Release.Signing;
using Prism.Pipeline.Release.Verification;
using Prism.Pipeline.Reproducibility;
using Prism.Pipeline.Sidecars.Publishing;
using Prism.Pipeline.Tools;

/// <summary>VerifyRelease: a release folder checked link by link, and with --rebuild rebuilt from its commit and compared byte for byte.</summary>
internal sealed partial class Build
{
    [Parameter("VerifyRelease: the release folder to check (what Pack wrote, or a downloaded release).")]
    readonly AbsolutePath? ReleaseDir = null;

    [Parameter("VerifyRelease: also rebuild the release in a temporary clone at the provenance's commit and compare every archive byte for byte.")]
    readonly bool Rebuild = false;

    Target VerifyRelease => _ => _
        .Description("Checks a release folder: the minisign signature of SHA256SUMS (--public-key), every listed digest, the manifest, SBOMs, provenance " +
                     "and archives against each other; with --rebuild, rebuilds it from the provenance's commit and compares every archive.")
        .Requires(() => ReleaseDir)
        .Requires(() => PublicKey)
        .Executes(VerifyReleaseAsync);

    async Task VerifyReleaseAsync()
    {
        var release = ReleaseDir!.Value;
        var keyFile = PublicKey!.Value;
        if (!release.DirectoryExists)
        {
            throw BuildException.Failure($"--release-dir {release} is not a folder. Name the folder that holds SHA256SUMS (e.g. artifacts/release).");
        }

        if (!keyFile.FileExists)
        {
            throw BuildException.Failure($"--public-key {keyFile} does not exist. Name the release's minisign public key file (README, \"Verifying a release\").");
        }

        var key = MinisignPublicKey.Parse(File.ReadAllText(keyFile), $"--public-key {keyFile}");
        var problems = ReleaseVerifier.Problems(release, key);
        if (problems.Count > 0)
        {
            throw BuildException.Problems($"The release in {release} does not verify:", problems);
        }

        ReportSummary(ReleaseChecksums.FileName, $"signature by key {key.KeyIdText} holds; every listed file matches");
        ReportSummary("contents", "manifest, SBOMs, provenance and archives agree");
        if (Rebuild)
        {
            await RebuildAndCompareAsync(release);
        }
    }

    /// <summary>Clones the provenance's commit into a temporary folder, runs Pack there as the release was made, and compares every archive.</summary>
    async Task RebuildAndCompareAsync(AbsolutePath release)
    {
        using var statement = JsonDocument.Parse(File.ReadAllBytes(release / ProvenanceStatement.FileName));
        var source = ProvenanceSource.Read(statement.RootElement) ?? throw BuildException.Failure($"{ProvenanceStatement.FileName} names no source to rebuild from.");
        var manifest = ReleaseManifest.Read(release / ReleasePacker.ManifestFileName);
        var plan = RebuildPart.Plan(manifest, AotToolchain.Detect(), LipoInstalled);
        var workspace = new AbsolutePath(Path.Combine(Path.GetTempPath(), $"prism-rebuild-{source.Commit[..12]}-{Guid.NewGuid():N}"));
        var clone = workspace / "prism";
        try
        {
            Directory.CreateDirectory(workspace);
            await ToolRunner.RunAsync("git", ["clone", "--quiet", "--no-checkout", source.Repository, clone], workspace);
            await ToolRunner.RunAsync("git", ["-c", "advice.detachedHead=false", "checkout", "--quiet", source.Commit], clone);
            var sdk = await ToolRunner.DotNetVersionAsync(clone);
            var sdkNote = source.Sdk is { } recorded && recorded != sdk
                ? $" The release was built with .NET SDK {recorded}, this machine's is {sdk}: install {recorded} (dotnet-install --version {recorded}) and rebuild with it."
                : "";
            if (sdkNote.Length > 0)
            {
                Log.Warning("{Note}", sdkNote.Trim());
            }

            var environment = new Dictionary<string, string?>
            {
                [SourceDateEpoch.Variable] = source.SourceDateEpoch?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [SigningKeySource.Variable] = null,
                ["TAURI_ENV_TARGET_TRIPLE"] = null,
            };
            var problems = new List<string>();
            foreach (var (part, whyNot) in plan)
            {
                if (whyNot is not null)
                {
                    ReportSummary(string.Join(", ", part.Archives), $"not rebuilt here: needs {whyNot}");
                    continue;
                }

                await (OperatingSystem.IsWindows()
                    ? ToolRunner.RunAsync("pwsh", ["-NoProfile", "-File", clone / "build.ps1", .. part.PackArguments], clone, environment)
                    : ToolRunner.RunAsync(clone / "build.sh", part.PackArguments, clone, environment));
                foreach (var archive in part.Archives)
                {
                    var rebuilt = clone / "artifacts" / "release" / archive;
                    var comparison = ArchiveComparison.Compare(release / archive, rebuilt);
                    ReportSummary(archive, comparison ?? "rebuilt: byte-identical");
                    if (comparison is not null)
                    {
                        var where = rebuilt.FileExists && Diffoscope.Find(ToolRunner) is { } diffoscope
                            ? "\n" + await diffoscope.DescribeAsync(release / archive, rebuilt)
                            : "";
                        problems.Add($"{archive}: {comparison}.{sdkNote}{where}");
                    }
                }
            }

            if (problems.Count > 0)
            {
                throw BuildException.Problems($"The rebuild of {source.Commit} (in {clone}, kept for inspection) differs from the release:", problems);
            }

            BuildOutputs.DeleteDirectory(workspace);
        }
        catch (OperationCanceledException)
        {
            BuildOutputs.DeleteDirectory(workspace);
            throw;
        }
    }
}
