using System.Text;
using Prism.Pipeline.Engine;
using Prism.Pipeline.Release;
using Prism.Pipeline.Release.Provenance;
using Prism.Pipeline.Release.Sbom;
using Prism.Pipeline.Release.Signing;
using Prism.Pipeline.Sidecars;
using Prism.Pipeline.Sidecars.Staging;
using Prism.Platform;

namespace Prism.Pipeline.Tests.Release;

/// <summary>
/// A small signed release made in-process by the release code itself (packer, SBOM writer, provenance, checksums,
/// signature): two triples, three sidecar binaries with made-up content. <see cref="Resign"/> re-lists and re-signs
/// after a tampering, as someone holding the key (or a broken Pack) would.
/// </summary>
internal sealed class SignedReleaseFixture : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public SignedReleaseFixture()
    {
        var binaries = new AbsolutePath(folder.Path) / "binaries";
        Release = new AbsolutePath(folder.Path) / "release";
        Directory.CreateDirectory(binaries);
        List<StagedBinary> staged =
        [
            Stage(binaries, new Sidecar("tr-daemon", "", SidecarKind.Daemon), "linux-x64", "tr-daemon-x86_64-unknown-linux-gnu"),
            Stage(binaries, new Sidecar("prism", "", SidecarKind.Host), "linux-x64", "prism-x86_64-unknown-linux-gnu"),
            Stage(binaries, new Sidecar("tr-daemon", "", SidecarKind.Daemon), "win-x64", "tr-daemon-x86_64-pc-windows-msvc.exe"),
        ];
        var time = DateTimeOffset.FromUnixTimeSeconds(1_780_000_000);
        var package = new ResolvedPackage("Serilog", "4.3.0", Convert.ToBase64String(new byte[64]), PackageRole.Library, new PackageLicence("Apache-2.0", null, null));
        var boms = staged.ToDictionary(binary => binary.FileName, binary => CycloneDxWriter.Write(
            new SidecarBom(binary.Sidecar, "1.2.3", binary.FileName, binary.Sha256, binary.Triple, binary.Rids, "aot", [package]), time, "1.2.3"));
        var archives = ReleasePacker.Pack(staged, boms, binaries, Release, "1.2.3", time);
        var subjects = archives.Select(archive => archive.FileName).Concat(staged.Select(ReleasePacker.SbomFileName)).Order(StringComparer.Ordinal)
            .Select(name => new DigestedFile(name, new Dictionary<string, string> { ["sha256"] = Prism.Pipeline.Tools.ContentHash.Sha256(Release / name) })).ToList();
        var source = new SourceRevision("https://example.invalid/prism.git", new string('a', 40), Dirty: false, time.ToUnixTimeSeconds());
        File.WriteAllBytes(Release / ProvenanceStatement.FileName, ProvenanceStatement.Write(new BuildRecord(source, ["Pack"], new Dictionary<string, object>(),
            subjects, [], "urn:prism:builder:local:linux-x64", new Dictionary<string, string>())));
        Resign();
    }

    public AbsolutePath Release { get; }

    public MinisignSecretKey Key { get; } = MinisignSecretKey.Create();

    public AbsolutePath this[string fileName] => Release / fileName;

    public IReadOnlyList<string> Problems(MinisignPublicKey? key = null) => Prism.Pipeline.Release.Verification.ReleaseVerifier.Problems(Release, key ?? Key.PublicKey);

    /// <summary>Lists every file but SHA256SUMS and its signature again, and signs the new list with the release key.</summary>
    public void Resign()
    {
        var names = Directory.EnumerateFiles(Release).Select(Path.GetFileName).OfType<string>()
            .Where(name => name is not ("SHA256SUMS" or "SHA256SUMS.minisig")).ToList();
        var sums = ReleaseChecksums.Write(Release, names);
        File.WriteAllText(Release / "SHA256SUMS.minisig", MinisignSignature.Sign(Key, sums, "SHA256SUMS", 1_780_000_000));
    }

    /// <summary>Rewrites a text file of the release with <paramref name="change"/> applied; fails when the change changed nothing.</summary>
    public void Edit(string fileName, Func<string, string> change)
    {
        var before = File.ReadAllText(Release / fileName);
        var after = change(before);
        Assert.NotEqual(before, after);
        File.WriteAllText(Release / fileName, after, new UTF8Encoding(false));
    }

    public void Dispose()
    {
        Key.Dispose();
        folder.Dispose();
    }

    private static StagedBinary Stage(AbsolutePath binaries, Sidecar sidecar, string rid, string fileName)
    {
        File.WriteAllText(binaries / fileName, $"the program {fileName}");
        return StagedBinary.Describe(sidecar, TargetTable.ForRid(rid), StagedMode.NativeAot, binaries / fileName);
    }
}
