using System.Runtime.InteropServices;
using System.Text;
using System.Xml.Linq;
using Prism.Pipeline.Engine;
using Prism.Pipeline.LockFiles;
using Prism.Pipeline.Release;
using Prism.Pipeline.Release.Provenance;
using Prism.Pipeline.Release.Sbom;
using Prism.Pipeline.Release.Signing;
using Prism.Pipeline.Sidecars;
using Prism.Pipeline.Sidecars.Inspection;
using Prism.Pipeline.Sidecars.Publishing;
using Prism.Pipeline.Sidecars.Staging;
using Prism.Pipeline.Toolchain;
using Prism.Pipeline.Tools;
using Prism.Platform;
using SidecarPublishMode = Prism.Pipeline.Sidecars.Publishing.PublishMode;

/// <summary>Pack: release archives per triple with an SBOM per sidecar, a manifest, provenance, checksums and their signature; NewSigningKey.</summary>
internal sealed partial class Build
{
    [Parameter("A minisign secret key file (unencrypted, outside the repository) to sign SHA256SUMS with; or put the key itself in PRISM_SIGNING_KEY. Without either, Pack's release is unsigned.")]
    readonly AbsolutePath? SigningKeyFile = null;

    [Parameter("Pack fails instead of leaving the release unsigned when no signing key is given (CI sets it for version tags).")]
    readonly bool RequireSignature = false;

    [Parameter("NewSigningKey: where to write the public key (default: the secret key file's name with .pub).")]
    readonly AbsolutePath? PublicKey = null;

    AbsolutePath ReleaseDirectory => ArtifactsDirectory / "release";

    /// <summary>The product version, from Directory.Build.props (one place for every project and the archives).</summary>
    string ProductVersion => XDocument.Load(RootDirectory / "Directory.Build.props").Descendants("Version").First().Value;

    Target Pack => _ => _
        .Description("Packs artifacts/release/: one archive per triple (.tar.gz; .zip for Windows) with each sidecar and its CycloneDX SBOM, the SBOMs, " +
                     "manifest.json, provenance.intoto.json, SHA256SUMS and, with a signing key, SHA256SUMS.minisig.")
        .DependsOn(Verify)
        .Executes(PackReleaseAsync);

    Target NewSigningKey => _ => _
        .Description("Makes a minisign key pair for release signatures: the secret key 0600 at --signing-key-file (in a private folder, never overwritten), the public key at --public-key.")
        .Requires(() => SigningKeyFile)
        .Executes(WriteNewSigningKey);

    async Task PackReleaseAsync()
    {
        using var key = SigningKeySource.Load(EnvironmentVariables, SigningKeyFile, RootDirectory);
        if (key is null && RequireSignature)
        {
            throw BuildException.Failure($"--require-signature: no signing key was given. Set {SigningKeySource.Variable} to the secret key file's text " +
                "(in CI: the repository secret of that name) or pass --signing-key-file FILE.");
        }

        // What is packed is checked before anything else is read: a bad staging record is the first thing to fix.
        var staged = StagedFor(Selection.Sidecars, Selection.Triples);
        var source = await SourceRevision.ReadAsync(ToolRunner, RootDirectory, EnvironmentVariables);
        var boms = await SidecarBomsAsync(staged, source);
        BuildOutputs.DeleteDirectory(ReleaseDirectory);
        var archives = ReleasePacker.Pack(staged, boms.ToDictionary(bom => bom.Key, bom => bom.Value.Bytes), BinariesDirectory, ReleaseDirectory, ProductVersion, source.SourceTime);
        var sbomNames = staged.Select(ReleasePacker.SbomFileName).ToList();
        var provenance = ProvenanceStatement.Write(new BuildRecord(
            source,
            ExecutingTargets,
            PackParameters(staged),
            [.. archives.Select(archive => archive.FileName).Concat(sbomNames).Order(StringComparer.Ordinal)
                .Select(name => new DigestedFile(name, Sha256Digest(ReleaseDirectory / name)))],
            await BuildInputsAsync(boms.Values.SelectMany(bom => bom.Packages)),
            BuilderId,
            new Dictionary<string, string> { ["os"] = RuntimeInformation.OSDescription, ["architecture"] = RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant() }));
        new AtomicFile().WriteAllBytes(ReleaseDirectory / ProvenanceStatement.FileName, provenance);
        var sums = ReleaseChecksums.Write(ReleaseDirectory,
            [.. archives.Select(archive => archive.FileName), .. sbomNames, ReleasePacker.ManifestFileName, ProvenanceStatement.FileName]);

        foreach (var archive in archives)
        {
            ReportSummary(archive.FileName, SizeBudget.InMegabytes(archive.Size));
        }

        if (key is null)
        {
            ReportSummary(ReleaseChecksums.FileName, $"unsigned (no signing key: {SigningKeySource.Variable} or --signing-key-file)");
            return;
        }

        var signature = MinisignSignature.Sign(key, sums, ReleaseChecksums.FileName, source.SourceDateEpoch);
        new AtomicFile().WriteAllBytes(ReleaseDirectory / (ReleaseChecksums.FileName + ".minisig"), Encoding.UTF8.GetBytes(signature));
        ReportSummary(ReleaseChecksums.FileName, $"signed (minisign key {key.PublicKey.KeyIdText})");
    }

    /// <summary>
    /// One SBOM per staged binary. Each slice's packages come from the restore its publish ran, run again here (the
    /// packages and packs are in the NuGet cache after the publish; a gather job downloads them) and checked against
    /// the project's lock file.
    /// </summary>
    async Task<Dictionary<string, (byte[] Bytes, IReadOnlyList<ResolvedPackage> Packages)>> SidecarBomsAsync(IReadOnlyList<StagedBinary> staged, SourceRevision source)
    {
        var restored = new Dictionary<(string, string, SidecarPublishMode), IReadOnlyList<ResolvedPackage>>();
        var boms = new Dictionary<string, (byte[], IReadOnlyList<ResolvedPackage>)>(StringComparer.Ordinal);
        foreach (var binary in staged)
        {
            var sidecar = Sidecars.Single(candidate => candidate.Name == binary.Sidecar);
            var slices = TargetTable.IsUniversalAppleDarwin(binary.Triple)
                ? SidecarSelection.UniversalSliceTriples.Select(triple => RecordOf(SidecarFileNames.Staged(binary.Sidecar, triple)) ??
                    throw BuildException.Failure($"{binary.FileName}: the record of its {triple} slice is missing, so its SBOM cannot say what it holds. Stage {triple} again.")).ToList()
                : [binary];
            var packages = new List<ResolvedPackage>();
            foreach (var slice in slices)
            {
                if (slice is not { Runtime: { } runtime, PublishedAs: { } mode })
                {
                    throw BuildException.Failure($"{slice.FileName} has no single runtime and publish mode ({slice.Mode.Name()}).");
                }

                if (!restored.TryGetValue((sidecar.Name, runtime.Rid, mode), out var slicePackages))
                {
                    slicePackages = await RestoredPackagesAsync(sidecar, runtime.Rid, mode);
                    restored[(sidecar.Name, runtime.Rid, mode)] = slicePackages;
                }

                packages.AddRange(slicePackages);
            }

            var bom = new SidecarBom(binary.Sidecar, ProductVersion, binary.FileName, binary.Sha256, binary.Triple, [.. slices.SelectMany(slice => slice.Rids)],
                binary.Mode.Name(), packages);
            boms[binary.FileName] = (CycloneDxWriter.Write(bom, source.SourceTime, ProductVersion), packages);
            ReportSummary(bom.BomFileName, $"{packages.DistinctBy(package => package.Purl).Count()} packages");
        }

        return boms;
    }

    async Task<IReadOnlyList<ResolvedPackage>> RestoredPackagesAsync(Sidecar sidecar, string rid, SidecarPublishMode mode)
    {
        var project = RootDirectory / sidecar.Project;
        // The restore the publish ran, in locked mode: it changes no lock file, and downloads what this machine lacks.
        // (RuntimeIdentifier, as a publish sets it, not restore's -r, which sets RuntimeIdentifiers: src/Directory.Build.props
        // picks a Native AOT publish's own lock file by it.)
        await LockedRestore.DotNetAsync(ToolRunner, ["restore", project, $"-p:RuntimeIdentifier={rid}", "-p:_IsPublishing=true", "-nologo", LockedRestore.Property,
            .. Publisher.ModeProperties(mode)], RootDirectory);
        var graph = RestoredGraph.Read(project.Parent / "obj" / "project.assets.json", SidecarPackages.Framework, rid);
        var lockFile = project.Parent / (mode == SidecarPublishMode.NativeAot ? ProjectLockFiles.AotFileName(rid) : ProjectLockFiles.FileName);
        try
        {
            return SidecarPackages.Collect(graph, NuGetLockFile.Read(lockFile), rid,
                nativeAot: mode == SidecarPublishMode.NativeAot, aspNetCore: sidecar.Kind == SidecarKind.Host);
        }
        catch (FileNotFoundException missing)
        {
            throw BuildException.Failure($"{missing.Message} Run `dotnet restore {sidecar.Project} -r {rid}` and Pack again.");
        }
    }

    /// <summary>The parameters that chose what was packed, as a rebuild passes them again.</summary>
    Dictionary<string, object> PackParameters(IReadOnlyList<StagedBinary> staged) => new()
    {
        ["sidecarNames"] = Selection.Sidecars.Select(sidecar => sidecar.Name).ToList(),
        ["triples"] = Selection.Triples,
        ["publishModes"] = staged.Where(binary => binary.PublishedAs is not null)
            .GroupBy(binary => binary.Runtime!.Rid).OrderBy(group => group.Key, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => string.Join(" ", group.Select(binary => binary.Mode.Name()).Distinct())),
        ["version"] = ProductVersion,
    };

    /// <summary>
    /// What a rebuild must match besides the commit: the SDK, every lock file of the sidecars' projects, and the
    /// toolchain — from the toolchain records of the machines that published (RecordToolchain's artifacts/toolchain.json,
    /// and a CI gather job's artifacts/toolchains/*.json, one per build job), else the packs and tools each SBOM names.
    /// </summary>
    async Task<List<DigestedFile>> BuildInputsAsync(IEnumerable<ResolvedPackage> packages)
    {
        var sdk = await ToolRunner.DotNetVersionAsync(RootDirectory);
        var lockFiles = Sidecars.SelectMany(sidecar => ProjectReferences.Closure(RootDirectory / sidecar.Project))
            .Select(project => new AbsolutePath(Path.GetDirectoryName(project)!)).Distinct()
            .SelectMany(folder => Directory.EnumerateFiles(folder, "packages*.lock.json"))
            .Select(path => new AbsolutePath(path)).OrderBy(path => path.Value, StringComparer.Ordinal)
            .Select(path => new DigestedFile(path.RelativeTo(RootDirectory), Sha256Digest(path)));
        var recordFiles = new[] { ToolchainRecordFile }.Where(file => file.FileExists)
            .Concat((ArtifactsDirectory / "toolchains").DirectoryExists
                ? Directory.EnumerateFiles(ArtifactsDirectory / "toolchains", "*.json").Order(StringComparer.Ordinal).Select(file => new AbsolutePath(file))
                : [])
            .ToList();
        var records = recordFiles.Select(file => (File: file, Record: ToolchainRecord.FromJson(File.ReadAllBytes(file)))).ToList();
        var sdks = records.Select(entry => entry.Record.Sdk).Append(sdk).Distinct(StringComparer.Ordinal)
            .Select(version => new DigestedFile(".NET SDK", null, Annotations: new Dictionary<string, string> { ["version"] = version }));
        var packs = records.Count > 0
            ? records.SelectMany(entry => entry.Record.Publishes).SelectMany(publish => publish.Packs)
                .DistinctBy(pack => (pack.Id, pack.Version)).OrderBy(pack => pack.Id, StringComparer.OrdinalIgnoreCase)
                .Select(pack => new DigestedFile(pack.Id, pack.Sha512 is { } sha512 ? new Dictionary<string, string> { ["sha512"] = Convert.ToHexStringLower(Convert.FromBase64String(sha512)) } : null,
                    $"pkg:nuget/{pack.Id}@{pack.Version}", new Dictionary<string, string> { ["role"] = pack.Role }))
            : packages.Where(package => package.Role != PackageRole.Library).DistinctBy(package => package.Purl).OrderBy(package => package.Purl, StringComparer.Ordinal)
                .Select(package => new DigestedFile(package.Id, new Dictionary<string, string> { ["sha512"] = package.Sha512Hex }, package.Purl));
        var tools = records.SelectMany(entry => entry.Record.NativeTools).DistinctBy(tool => (tool.Name, tool.Version))
            .Select(tool => new DigestedFile(tool.Name, null, Annotations: new Dictionary<string, string>
            {
                ["version"] = tool.Version, ["package"] = tool.Package ?? "", ["packageVersion"] = tool.PackageVersion ?? "",
            }));
        var linkPackages = records.SelectMany(entry => entry.Record.Publishes).SelectMany(publish => publish.LinkPackages).Distinct()
            .Select(package => new DigestedFile($"{package.Name}:{package.Architecture}", null, Annotations: new Dictionary<string, string>
            {
                ["version"] = package.Version, ["kind"] = "C runtime package linked into a Native AOT sidecar",
            }));
        var recorded = recordFiles.Select(file => new DigestedFile(file.RelativeTo(RootDirectory), Sha256Digest(file), Annotations: new Dictionary<string, string> { ["kind"] = "toolchain record" }));
        return [.. sdks, .. lockFiles, .. recorded, .. packs, .. tools, .. linkPackages];
    }

    static Dictionary<string, string> Sha256Digest(AbsolutePath file) => new() { ["sha256"] = ContentHash.Sha256(file) };

    /// <summary>The CI run's URL on GitHub Actions; elsewhere this machine, by kind (no host name).</summary>
    string BuilderId =>
        EnvironmentVariables.GetValueOrDefault("GITHUB_RUN_ID") is { Length: > 0 } run && EnvironmentVariables.GetValueOrDefault("GITHUB_REPOSITORY") is { Length: > 0 } repository
            ? $"{EnvironmentVariables.GetValueOrDefault("GITHUB_SERVER_URL", "https://github.com")}/{repository}/actions/runs/{run}/attempts/{EnvironmentVariables.GetValueOrDefault("GITHUB_RUN_ATTEMPT", "1")}"
            : $"urn:prism:builder:local:{CurrentRuntime.Rid}";

    void WriteNewSigningKey()
    {
        var secretFile = SigningKeyFile!.Value;
        var publicFile = PublicKey ?? new AbsolutePath(Path.ChangeExtension(secretFile, ".pub"));
        if (publicFile == secretFile)
        {
            throw BuildException.Failure($"--public-key names the secret key file {secretFile}: give the public key a name of its own.");
        }

        if (!Path.GetRelativePath(RootDirectory, secretFile).StartsWith("..", StringComparison.Ordinal))
        {
            throw BuildException.Failure($"{secretFile} lies inside the repository, where a commit could publish it. Name a file in a private folder outside (e.g. ~/.prism-release/minisign.key).");
        }

        PrivateFile.RefuseExisting(publicFile);
        using var key = MinisignSecretKey.Create();
        PrivateFile.WriteNew(secretFile, Encoding.UTF8.GetBytes(key.ToFileText()));
        new AtomicFile().WriteAllBytes(publicFile, Encoding.UTF8.GetBytes(key.PublicKey.ToFileText()));
        ReportSummary("secret key", $"{secretFile} (0600; keep it private: it signs releases)");
        ReportSummary("public key", $"{publicFile} (key id {key.PublicKey.KeyIdText}; publish it)");
    }
}
