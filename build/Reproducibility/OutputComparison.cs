using Prism.Pipeline.Tools;

namespace Prism.Pipeline.Reproducibility;

/// <summary>A file both builds made with the same bytes.</summary>
internal sealed record IdenticalFile(string Path, long Size, string Sha256);

/// <summary>A file the two builds disagree about: what differs, said for a person (path relative to the build's root, '/'-separated).</summary>
internal sealed record OutputDifference(string Path, string Description)
{
    public static OutputDifference OnlyIn(string path, string build, string otherBuild) =>
        new(path, $"made by the {build} build only; the {otherBuild} has no such file");

    public static OutputDifference Differs(string path, long firstSize, long secondSize, long differingBytes, long firstOffset, string firstSha256, string secondSha256) =>
        new(path, $"different bytes: {differingBytes:N0} of {Math.Max(firstSize, secondSize):N0} differ, the first at offset {firstOffset:N0} (0x{firstOffset:x}); " +
                  $"sizes {firstSize:N0} and {secondSize:N0}; SHA-256 {firstSha256} and {secondSha256}");

    public override string ToString() => $"{Path}: {Description}";
}

/// <summary>Both builds' files under the compared folders: those that are identical, and each difference.</summary>
internal sealed record ComparisonResult(IReadOnlyList<IdenticalFile> Identical, IReadOnlyList<OutputDifference> Differences)
{
    public bool Same => Differences.Count == 0;
}

/// <summary>
/// Compares what two builds left under the same folders, file by file: every file either build made must exist in
/// the other, byte for byte. A folder neither build made is no difference; one only one build made is (its files
/// are each named). Files are streamed, so binaries of any size compare in little memory.
/// </summary>
internal static class OutputComparison
{
    private const int BufferSize = 1 << 16;

    /// <param name="first">The first build's root.</param>
    /// <param name="second">The second build's root.</param>
    /// <param name="folders">The folders to compare, relative to each root.</param>
    /// <param name="ignored">File names left out of the comparison (e.g. a signature only a key holder can make).</param>
    public static ComparisonResult Compare(string first, string second, IEnumerable<string> folders, Func<string, bool> ignored)
    {
        var identical = new List<IdenticalFile>();
        var differences = new List<OutputDifference>();
        foreach (var folder in folders)
        {
            var firstFiles = FilesUnder(first, folder, ignored);
            var secondFiles = FilesUnder(second, folder, ignored);
            foreach (var path in firstFiles.Union(secondFiles).Order(StringComparer.Ordinal))
            {
                if (!secondFiles.Contains(path))
                {
                    differences.Add(OutputDifference.OnlyIn(path, "first", "second"));
                }
                else if (!firstFiles.Contains(path))
                {
                    differences.Add(OutputDifference.OnlyIn(path, "second", "first"));
                }
                else if (CompareFile(Path.Combine(first, path), Path.Combine(second, path), path) is { } difference)
                {
                    differences.Add(difference);
                }
                else
                {
                    var file = Path.Combine(first, path);
                    identical.Add(new IdenticalFile(path, new FileInfo(file).Length, ContentHash.Sha256(file)));
                }
            }
        }

        return new ComparisonResult(identical, differences);
    }

    /// <summary>The files below <paramref name="folder"/> (relative to <paramref name="root"/>, '/'-separated), without the ignored names.</summary>
    private static HashSet<string> FilesUnder(string root, string folder, Func<string, bool> ignored)
    {
        var directory = Path.Combine(root, folder);
        return Directory.Exists(directory)
            ? [.. Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
                .Where(file => !ignored(Path.GetFileName(file)))
                .Select(file => Path.GetRelativePath(root, file).Replace('\\', '/'))]
            : [];
    }

    /// <summary>Null when the two files hold the same bytes; else how many bytes differ (a length difference counts each missing byte) and where first.</summary>
    private static OutputDifference? CompareFile(string firstFile, string secondFile, string path)
    {
        using var firstStream = new FileStream(firstFile, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize);
        using var secondStream = new FileStream(secondFile, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize);
        var firstBuffer = new byte[BufferSize];
        var secondBuffer = new byte[BufferSize];
        long offset = 0, differing = 0, firstDifference = -1;
        while (true)
        {
            var firstRead = firstStream.ReadAtLeast(firstBuffer, BufferSize, throwOnEndOfStream: false);
            var secondRead = secondStream.ReadAtLeast(secondBuffer, BufferSize, throwOnEndOfStream: false);
            if (firstRead == 0 && secondRead == 0)
            {
                break;
            }

            var common = Math.Min(firstRead, secondRead);
            for (var index = 0; index < common; index++)
            {
                if (firstBuffer[index] != secondBuffer[index])
                {
                    differing++;
                    firstDifference = firstDifference < 0 ? offset + index : firstDifference;
                }
            }

            if (firstRead != secondRead)
            {
                differing += Math.Abs(firstRead - secondRead);
                firstDifference = firstDifference < 0 ? offset + common : firstDifference;
            }

            offset += Math.Max(firstRead, secondRead);
        }

        return differing == 0
            ? null
            : OutputDifference.Differs(path, firstStream.Length, secondStream.Length, differing, firstDifference,
                ContentHash.Sha256(firstFile), ContentHash.Sha256(secondFile));
    }
}
