using Prism.Pipeline.Reproducibility;

namespace Prism.Pipeline.Tests.Reproducibility;

/// <summary>Two builds' folders compared on disk, as CheckReproducible compares its clones: real files, real bytes.</summary>
public sealed class OutputComparisonTests : IDisposable
{
    private static readonly string[] Folders = ["src-tauri/binaries", "artifacts/release"];

    private readonly TemporaryFolder first = new();
    private readonly TemporaryFolder second = new();

    public void Dispose()
    {
        first.Dispose();
        second.Dispose();
    }

    /// <summary>The same files in both builds: a 200 KB binary (more than one read buffer), an archive and a checksum file.</summary>
    private void BothBuildsMake(byte[] binary)
    {
        foreach (var build in new[] { first, second })
        {
            build.WriteBytes("src-tauri/binaries/tr-daemon-x86_64-unknown-linux-gnu", binary);
            build.Write("artifacts/release/SHA256SUMS", "abc  prism-sidecars-0.1.0-x86_64-unknown-linux-gnu.tar.gz\n");
            build.WriteBytes("artifacts/release/prism-sidecars-0.1.0-x86_64-unknown-linux-gnu.tar.gz", [1, 2, 3]);
        }
    }

    private static byte[] Binary() => [.. Enumerable.Range(0, 200_000).Select(index => (byte)(index * 31 % 251))];

    private ComparisonResult Compare() => OutputComparison.Compare(first.Path, second.Path, Folders, name => name == ".gitkeep" || name.EndsWith(".minisig", StringComparison.Ordinal));

    [Fact]
    public void Identical_builds_list_every_file_with_its_sha256_and_no_difference()
    {
        BothBuildsMake(Binary());

        var result = Compare();

        Assert.True(result.Same);
        Assert.Equal(
            ["src-tauri/binaries/tr-daemon-x86_64-unknown-linux-gnu", "artifacts/release/SHA256SUMS", "artifacts/release/prism-sidecars-0.1.0-x86_64-unknown-linux-gnu.tar.gz"],
            result.Identical.Select(file => file.Path));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Binary())), result.Identical[0].Sha256);
        Assert.Equal(200_000, result.Identical[0].Size);
    }

    [Fact]
    public void One_differing_byte_past_the_first_read_buffer_is_named_with_its_offset_and_both_hashes()
    {
        BothBuildsMake(Binary());
        var changed = Binary();
        changed[150_001] ^= 0x40;
        second.WriteBytes("src-tauri/binaries/tr-daemon-x86_64-unknown-linux-gnu", changed);

        var result = Compare();

        var difference = Assert.Single(result.Differences);
        Assert.Equal("src-tauri/binaries/tr-daemon-x86_64-unknown-linux-gnu", difference.Path);
        Assert.Contains("1 of 200,000 differ, the first at offset 150,001 (0x249f1)", difference.Description, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(changed)), difference.Description, StringComparison.Ordinal);
        Assert.Equal(2, result.Identical.Count);
    }

    [Fact]
    public void A_shorter_file_differs_by_its_missing_bytes_from_where_it_ends()
    {
        BothBuildsMake(Binary());
        second.WriteBytes("src-tauri/binaries/tr-daemon-x86_64-unknown-linux-gnu", Binary()[..199_990]);

        var difference = Assert.Single(Compare().Differences);

        Assert.Contains("10 of 200,000 differ, the first at offset 199,990", difference.Description, StringComparison.Ordinal);
        Assert.Contains("sizes 200,000 and 199,990", difference.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_only_one_build_made_is_named_with_the_build_that_made_it()
    {
        BothBuildsMake(Binary());
        first.WriteBytes("src-tauri/binaries/prism-universal-apple-darwin", [9]);
        second.Write("artifacts/release/manifest.json", "{}");

        var result = Compare();

        Assert.Equal(
            [
                "src-tauri/binaries/prism-universal-apple-darwin: made by the first build only; the second has no such file",
                "artifacts/release/manifest.json: made by the second build only; the first has no such file",
            ],
            result.Differences.Select(difference => difference.ToString()));
    }

    [Fact]
    public void A_folder_only_one_build_made_counts_each_of_its_files_and_a_folder_neither_made_counts_nothing()
    {
        first.WriteBytes("artifacts/release/SHA256SUMS", [1]);

        var result = Compare();

        Assert.Equal(["artifacts/release/SHA256SUMS"], result.Differences.Select(difference => difference.Path));
        Assert.Empty(result.Identical);
    }

    [Fact]
    public void Signatures_and_the_placeholder_are_not_compared()
    {
        BothBuildsMake(Binary());
        first.Write("artifacts/release/SHA256SUMS.minisig", "signed here");
        first.Write("src-tauri/binaries/.gitkeep", "");

        var result = Compare();

        Assert.True(result.Same);
        Assert.DoesNotContain(result.Identical, file => file.Path.EndsWith(".minisig", StringComparison.Ordinal));
    }
}
