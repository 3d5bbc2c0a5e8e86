using System.Security.Cryptography;
using System.Text.Json;
using Prism.Pipeline.Release.Signing;

namespace Prism.Pipeline.Tests.Release;

/// <summary>The real build packs a copy of this repository twice, signed, in processes of their own.</summary>
public sealed class PackedReleaseFixture : IDisposable
{
    public PackedReleaseFixture()
    {
        Key = MinisignSecretKey.Create();
        File.WriteAllText(Path.Combine(Keys.Path, "release.pub"), Key.PublicKey.ToFileText());
        var signing = new Dictionary<string, string?> { ["PRISM_SIGNING_KEY"] = Key.ToFileText() };
        First = Pack(signing);
        File.SetLastWriteTimeUtc(Repository.Root / "src-tauri" / "binaries" / PackedRepository.Binaries[0].File, DateTime.UtcNow.AddDays(-3));
        Second = Pack(signing);
    }

    internal PackedRepository Repository { get; } = new();

    internal TemporaryFolder Keys { get; } = new();

    internal MinisignSecretKey Key { get; }

    public string PublicKeyFile => Path.Combine(Keys.Path, "release.pub");

    /// <summary>Every file of the first and the second Pack's release folder, by name.</summary>
    public SortedDictionary<string, byte[]> First { get; }

    public SortedDictionary<string, byte[]> Second { get; }

    public (int ExitCode, string Output) LastPack { get; private set; }

    private SortedDictionary<string, byte[]> Pack(IReadOnlyDictionary<string, string?> environment)
    {
        LastPack = Repository.RunBuild(environment, "Pack", "--skip", "--runtimes", "linux-x64", "win-x64");
        Assert.True(LastPack.ExitCode == 0, LastPack.Output);
        return new SortedDictionary<string, byte[]>(
            Directory.EnumerateFiles(Repository.Release).ToDictionary(file => Path.GetFileName(file), File.ReadAllBytes), StringComparer.Ordinal);
    }

    public void Dispose()
    {
        Key.Dispose();
        Keys.Dispose();
        Repository.Dispose();
    }
}

public sealed class PackedReleaseTests(PackedReleaseFixture release) : IClassFixture<PackedReleaseFixture>
{
    private static readonly string[] Sboms =
    [
        "prism-x86_64-pc-windows-msvc.cdx.json", "prism-x86_64-unknown-linux-gnu.cdx.json",
        "tr-daemon-x86_64-pc-windows-msvc.cdx.json", "tr-daemon-x86_64-unknown-linux-gnu.cdx.json",
    ];

    [Fact]
    public void Pack_writes_archives_an_sbom_per_sidecar_manifest_provenance_checksums_and_signature()
    {
        Assert.Equal(
        [
            "SHA256SUMS", "SHA256SUMS.minisig", "manifest.json",
            "prism-sidecars-0.1.0-x86_64-pc-windows-msvc.zip", "prism-sidecars-0.1.0-x86_64-unknown-linux-gnu.tar.gz",
            .. Sboms.Take(2), "provenance.intoto.json", .. Sboms.Skip(2),
        ], release.First.Keys);
        Assert.Contains("SHA256SUMS: signed (minisign key " + release.Key.PublicKey.KeyIdText + ")", release.LastPack.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_packs_in_two_processes_give_the_same_bytes_signature_included()
    {
        Assert.Equal(release.First.Keys, release.Second.Keys);
        Assert.All(release.First, file => Assert.True(file.Value.SequenceEqual(release.Second[file.Key]), $"{file.Key} differs between two runs"));
    }

    [Fact]
    public void Every_sbom_is_valid_cyclonedx_1_6()
    {
        Assert.All(Sboms, sbom => Assert.Empty(CycloneDxSchema.Violations(release.First[sbom])));
    }

    [Fact]
    public void Every_sbom_describes_its_binary_by_name_version_and_sha256_at_the_commit_time()
    {
        foreach (var (_, _, _, _, file) in PackedRepository.Binaries)
        {
            using var sbom = JsonDocument.Parse(release.First[Sboms.Single(name => file.StartsWith(name[..^".cdx.json".Length], StringComparison.Ordinal))]);
            var metadata = sbom.RootElement.GetProperty("metadata");
            var component = metadata.GetProperty("component");

            Assert.Equal(file.Split('-')[0] == "tr" ? "tr-daemon" : "prism", component.GetProperty("name").GetString());
            Assert.Equal("0.1.0", component.GetProperty("version").GetString());
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(release.Repository.Root / "src-tauri" / "binaries" / file))),
                component.GetProperty("hashes")[0].GetProperty("content").GetString());
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(PackedRepository.CommitTime).UtcDateTime, metadata.GetProperty("timestamp").GetDateTime().ToUniversalTime());
        }
    }

    [Theory]
    [InlineData("tr-daemon-x86_64-unknown-linux-gnu.cdx.json", "src/Prism.Daemon/packages.aot.linux-x64.lock.json", "linux-x64")]
    [InlineData("prism-x86_64-unknown-linux-gnu.cdx.json", "src/Prism.Host/packages.aot.linux-x64.lock.json", "linux-x64")]
    [InlineData("tr-daemon-x86_64-pc-windows-msvc.cdx.json", "src/Prism.Daemon/packages.lock.json", "win-x64")]
    [InlineData("prism-x86_64-pc-windows-msvc.cdx.json", "src/Prism.Host/packages.lock.json", "win-x64")]
    public void Every_lock_file_package_is_in_the_sbom_with_its_version_hash_and_purl_and_the_rest_are_the_sdks_packs(string sbomName, string lockFileName, string rid)
    {
        // The committed lock file (Native AOT publishes have their own), read here on its own: net10.0's packages with
        // the RID's section on top, projects left out.
        var project = Path.GetDirectoryName(lockFileName)!;
        using var lockFile = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, lockFileName)));
        var locked = new Dictionary<string, (string Version, string Hash)>(StringComparer.OrdinalIgnoreCase);
        foreach (var section in lockFile.RootElement.GetProperty("dependencies").EnumerateObject().Where(section => section.Name is "net10.0" || section.Name == $"net10.0/{rid}"))
        {
            foreach (var package in section.Value.EnumerateObject().Where(package => package.Value.GetProperty("type").GetString() != "Project"))
            {
                locked[package.Name] = (package.Value.GetProperty("resolved").GetString()!, package.Value.GetProperty("contentHash").GetString()!);
            }
        }

        using var sbom = JsonDocument.Parse(release.First[sbomName]);
        var components = sbom.RootElement.GetProperty("components").EnumerateArray().ToDictionary(
            component => component.GetProperty("name").GetString()!,
            component => (Version: component.GetProperty("version").GetString()!, Sha512: component.GetProperty("hashes")[0].GetProperty("content").GetString()!,
                Purl: component.GetProperty("purl").GetString()!, Licensed: component.TryGetProperty("licenses", out _)),
            StringComparer.OrdinalIgnoreCase);
        var aot = rid == "linux-x64";

        Assert.NotEmpty(locked);
        Assert.All(locked, package =>
        {
            Assert.True(components.TryGetValue(package.Key, out var component), $"{sbomName} lacks {package.Key} of the lock file");
            Assert.Equal(package.Value.Version, component.Version);
            Assert.Equal(Convert.ToHexStringLower(Convert.FromBase64String(package.Value.Hash)), component.Sha512);
            Assert.Equal($"pkg:nuget/{package.Key}@{package.Value.Version}", component.Purl);
        });
        string[] packs =
        [
            aot ? $"Microsoft.NETCore.App.Runtime.NativeAOT.{rid}" : $"Microsoft.NETCore.App.Runtime.{rid}",
            .. project.EndsWith("Host", StringComparison.Ordinal) ? [$"Microsoft.AspNetCore.App.Runtime.{rid}"] : Array.Empty<string>(),
        ];
        Assert.All(packs, pack => Assert.Contains(pack, components.Keys));
        Assert.All(components.Keys.Except(locked.Keys, StringComparer.OrdinalIgnoreCase), extra =>
            Assert.True(packs.Contains(extra) || extra.StartsWith("Microsoft.NETCore.App.Crossgen2.", StringComparison.Ordinal), $"{sbomName}: {extra} is neither in the lock file nor a pack of the SDK"));
        Assert.Equal(aot, components.ContainsKey($"runtime.{rid}.Microsoft.DotNet.ILCompiler"));
        Assert.All(components, component => Assert.True(component.Value.Licensed, $"{sbomName}: {component.Key} has no licence"));
    }

    [Fact]
    public void The_provenance_lists_every_archive_and_sbom_as_in_sha256sums_and_the_commit()
    {
        var sums = System.Text.Encoding.UTF8.GetString(release.First["SHA256SUMS"]).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => (Name: line[66..], Sha256: line[..64])).ToList();
        using var provenance = JsonDocument.Parse(release.First["provenance.intoto.json"]);
        var subjects = provenance.RootElement.GetProperty("subject").EnumerateArray()
            .Select(subject => (Name: subject.GetProperty("name").GetString()!, Sha256: subject.GetProperty("digest").GetProperty("sha256").GetString()!)).ToList();

        Assert.Equal(sums.Where(entry => entry.Name.EndsWith(".cdx.json", StringComparison.Ordinal) || entry.Name.StartsWith("prism-sidecars-", StringComparison.Ordinal)), subjects);
        Assert.Equal(["SHA256SUMS", "SHA256SUMS.minisig"], release.First.Keys.Except(sums.Select(entry => entry.Name)));
        Assert.Equal("https://slsa.dev/provenance/v1", provenance.RootElement.GetProperty("predicateType").GetString());
        var head = File.ReadAllText(release.Repository.Root / ".git" / "HEAD").Trim();
        var commit = File.ReadAllText(release.Repository.Root / ".git" / head["ref: ".Length..]).Trim();
        Assert.Equal(commit, provenance.RootElement.GetProperty("predicate").GetProperty("buildDefinition").GetProperty("externalParameters")
            .GetProperty("source").GetProperty("digest").GetProperty("gitCommit").GetString());
    }

    [Fact]
    public void Minisign_accepts_the_signature_of_the_packed_release()
    {
        Assert.SkipWhen(DebianMinisign.Path is null, DebianMinisign.Missing);

        var (exitCode, output) = DebianMinisign.Run(release.Repository.Release, "-Vm", "SHA256SUMS", "-p", release.PublicKeyFile);

        Assert.True(exitCode == 0, output);
        Assert.Contains($"timestamp:{PackedRepository.CommitTime}\tfile:SHA256SUMS\thashed", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_release_passes_on_the_packed_release_and_fails_naming_a_changed_archive()
    {
        var passed = release.Repository.RunBuild(new Dictionary<string, string?>(), "VerifyRelease", "--release-dir", release.Repository.Release, "--public-key", release.PublicKeyFile);
        Assert.True(passed.ExitCode == 0, passed.Output);

        using var copy = new TemporaryFolder();
        foreach (var (name, bytes) in release.First)
        {
            copy.WriteBytes(name, bytes);
        }

        var archive = Path.Combine(copy.Path, "prism-sidecars-0.1.0-x86_64-unknown-linux-gnu.tar.gz");
        var content = File.ReadAllBytes(archive);
        content[^20] ^= 0xff;
        File.WriteAllBytes(archive, content);
        var failed = release.Repository.RunBuild(new Dictionary<string, string?>(), "VerifyRelease", "--release-dir", copy.Path, "--public-key", release.PublicKeyFile);

        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("prism-sidecars-0.1.0-x86_64-unknown-linux-gnu.tar.gz: its SHA-256 is", failed.Output, StringComparison.Ordinal);
    }
}
