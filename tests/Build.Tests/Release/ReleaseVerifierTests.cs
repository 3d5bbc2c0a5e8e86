using System.IO.Compression;
using System.Text.RegularExpressions;
using Prism.Pipeline.Release.Signing;

namespace Prism.Pipeline.Tests.Release;

/// <summary>VerifyRelease's checks, one link of the release tampered with at a time: each failure names the file and what disagreed.</summary>
public sealed partial class ReleaseVerifierTests : IDisposable
{
    private const string LinuxArchive = "prism-sidecars-1.2.3-x86_64-unknown-linux-gnu.tar.gz";
    private const string WindowsArchive = "prism-sidecars-1.2.3-x86_64-pc-windows-msvc.zip";
    private const string DaemonSbom = "tr-daemon-x86_64-unknown-linux-gnu.cdx.json";

    private readonly SignedReleaseFixture release = new();

    public void Dispose() => release.Dispose();

    [Fact]
    public void The_untouched_release_passes()
    {
        Assert.Empty(release.Problems());
    }

    [Fact]
    public void A_changed_byte_of_an_archive_names_the_archive_and_both_digests()
    {
        var bytes = File.ReadAllBytes(release[LinuxArchive]);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(release[LinuxArchive], bytes);

        var problem = Assert.Single(release.Problems());

        Assert.Matches($"^{Regex.Escape(LinuxArchive)}: its SHA-256 is [0-9a-f]{{64}}, SHA256SUMS lists [0-9a-f]{{64}}\\.$", problem);
    }

    [Fact]
    public void A_changed_line_of_sha256sums_breaks_the_signature()
    {
        release.Edit("SHA256SUMS", sums => Sha256Line().Replace(sums, "0000000000000000000000000000000000000000000000000000000000000000  manifest.json", 1));

        var problems = release.Problems();

        Assert.Contains(problems, problem => problem.StartsWith("SHA256SUMS.minisig does not verify SHA256SUMS", StringComparison.Ordinal) &&
                                             problem.Contains("does not match the file's content", StringComparison.Ordinal));
    }

    [Fact]
    public void A_changed_signature_fails()
    {
        release.Edit("SHA256SUMS.minisig", signature =>
        {
            var lines = signature.Split('\n');
            var bytes = Convert.FromBase64String(lines[1]);
            bytes[20] ^= 0x01;
            lines[1] = Convert.ToBase64String(bytes);
            return string.Join('\n', lines);
        });

        var problem = Assert.Single(release.Problems());

        Assert.StartsWith($"SHA256SUMS.minisig does not verify SHA256SUMS with key {release.Key.PublicKey.KeyIdText}: the signature does not match", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_foreign_public_key_names_the_key_that_signed()
    {
        using var foreign = MinisignSecretKey.Create();

        var problem = Assert.Single(release.Problems(foreign.PublicKey));

        Assert.Contains($"it was made with key {release.Key.PublicKey.KeyIdText}, not with the public key given ({foreign.PublicKey.KeyIdText})", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_signature_says_the_release_is_unsigned()
    {
        File.Delete(release["SHA256SUMS.minisig"]);

        Assert.Equal("SHA256SUMS.minisig is missing: the release is unsigned, so nothing shows who made SHA256SUMS.", Assert.Single(release.Problems()));
    }

    [Fact]
    public void A_changed_sbom_digest_of_its_binary_names_the_sbom_and_the_manifest_even_when_re_signed()
    {
        var manifestSum = System.Text.Json.JsonDocument.Parse(File.ReadAllText(release["manifest.json"])).RootElement.GetProperty("sidecars")[0].GetProperty("sha256").GetString()!;
        release.Edit(DaemonSbom, sbom => sbom.Replace(manifestSum, new string('b', 64), StringComparison.Ordinal));
        release.Resign();

        var problems = release.Problems();

        Assert.Contains($"{DaemonSbom}: the binary's SHA-256 is {new string('b', 64)}, manifest.json says {manifestSum} for tr-daemon-x86_64-unknown-linux-gnu.", problems);
    }

    [Fact]
    public void A_changed_sbom_without_re_signing_names_the_sbom()
    {
        release.Edit(DaemonSbom, sbom => sbom.Replace("Apache-2.0", "MIT", StringComparison.Ordinal));

        Assert.StartsWith($"{DaemonSbom}: its SHA-256 is ", Assert.Single(release.Problems()), StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_provenance_subject_names_the_subject_even_when_re_signed()
    {
        var sum = Prism.Pipeline.Tools.ContentHash.Sha256(release[WindowsArchive]);
        release.Edit("provenance.intoto.json", provenance => provenance.Replace(sum, new string('c', 64), StringComparison.Ordinal));
        release.Resign();

        var problem = Assert.Single(release.Problems());

        Assert.Equal($"provenance.intoto.json: subject {WindowsArchive} has SHA-256 {new string('c', 64)}, SHA256SUMS lists {sum}.", problem);
    }

    [Fact]
    public void An_sbom_missing_from_the_provenance_subjects_is_named()
    {
        release.Edit("provenance.intoto.json", provenance => provenance.Replace($"\"name\": \"{DaemonSbom}\"", "\"name\": \"something-else.cdx.json\"", StringComparison.Ordinal));
        release.Resign();

        var problems = release.Problems();

        Assert.Contains("provenance.intoto.json: subject something-else.cdx.json is not an archive or SBOM of this release.", problems);
        Assert.Contains($"provenance.intoto.json has no subject for {DaemonSbom}.", problems);
    }

    [Fact]
    public void An_extra_archive_not_listed_is_named()
    {
        File.Copy(release[LinuxArchive], release["prism-sidecars-1.2.3-aarch64-unknown-linux-gnu.tar.gz"]);

        Assert.Equal($"prism-sidecars-1.2.3-aarch64-unknown-linux-gnu.tar.gz is in {release.Release} but not listed in SHA256SUMS: nothing vouches for it.", Assert.Single(release.Problems()));
    }

    [Fact]
    public void An_extra_archive_listed_and_signed_is_named_as_unknown_to_the_manifest()
    {
        File.Copy(release[LinuxArchive], release["prism-sidecars-1.2.3-aarch64-unknown-linux-gnu.tar.gz"]);
        release.Resign();

        var problems = release.Problems();

        Assert.Contains("prism-sidecars-1.2.3-aarch64-unknown-linux-gnu.tar.gz is listed in SHA256SUMS but manifest.json names no sidecar in it.", problems);
    }

    [Fact]
    public void A_missing_archive_is_named()
    {
        File.Delete(release[WindowsArchive]);

        Assert.Equal($"{WindowsArchive} is listed in SHA256SUMS but missing from {release.Release}.", Assert.Single(release.Problems()));
    }

    [Fact]
    public void A_binary_swapped_inside_an_archive_is_named_even_when_re_signed()
    {
        using (var zip = ZipFile.Open(release[WindowsArchive], ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry("tr-daemon-x86_64-pc-windows-msvc.exe")!;
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("tr-daemon-x86_64-pc-windows-msvc.exe").Open());
            writer.Write("another program");
        }

        release.Edit("manifest.json", manifest => ArchiveSum().Replace(manifest, match =>
            match.Value.Contains(WindowsArchive, StringComparison.Ordinal)
                ? match.Value.Replace(match.Groups["sum"].Value, Prism.Pipeline.Tools.ContentHash.Sha256(release[WindowsArchive]), StringComparison.Ordinal)
                : match.Value));
        var provenance = File.ReadAllText(release["provenance.intoto.json"]);
        release.Resign();

        var problems = release.Problems();

        Assert.Contains(problems, problem => problem.StartsWith($"{WindowsArchive}: tr-daemon-x86_64-pc-windows-msvc.exe has SHA-256 ", StringComparison.Ordinal) &&
                                             problem.EndsWith("manifest.json and its SBOM say " + Prism.Pipeline.Tools.ContentHash.Sha256(System.Text.Encoding.UTF8.GetBytes("the program tr-daemon-x86_64-pc-windows-msvc.exe")) + ".", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.StartsWith($"provenance.intoto.json: subject {WindowsArchive} has SHA-256", StringComparison.Ordinal));
        Assert.Equal(provenance, File.ReadAllText(release["provenance.intoto.json"]));
    }

    [GeneratedRegex("^[0-9a-f]{64}  manifest.json$", RegexOptions.Multiline)]
    private static partial Regex Sha256Line();

    [GeneratedRegex("\"file_name\": \"(?<name>[^\"]+)\",\\s*\"size\": \\d+,\\s*\"sha256\": \"(?<sum>[0-9a-f]{64})\"")]
    private static partial Regex ArchiveSum();
}
