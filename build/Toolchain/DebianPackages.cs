using Prism.Pipeline.Tools;

namespace Prism.Pipeline.Toolchain;

/// <summary>
/// Which Debian package installed a file, and at what version, from dpkg's own database (<c>dpkg-query</c>). On a machine
/// without dpkg (macOS, Windows, other Linux distributions) every answer is empty: nothing is guessed.
/// </summary>
internal sealed class DebianPackages(ToolRunner tools, string workingDirectory)
{
    /// <summary>The packages that own <paramref name="files"/> (symbolic links followed to the real file), sorted, without duplicates.</summary>
    public async Task<IReadOnlyList<DebianPackage>> OwningAsync(IEnumerable<string> files)
    {
        var paths = files.Select(RealPath).Distinct(StringComparer.Ordinal).ToList();
        if (paths.Count == 0 || ExecutableSearch.Find("dpkg-query") is not { } dpkgQuery)
        {
            return [];
        }

        // Exit code 1 when some file belongs to no package: the others are still listed, one "package[:arch]: path" per line.
        var (_, owners) = await tools.CaptureAsync(dpkgQuery, ["-S", .. paths], workingDirectory);
        var names = ParseOwners(owners);
        if (names.Count == 0)
        {
            return [];
        }

        var (_, versions) = await tools.CaptureAsync(dpkgQuery, ["-W", "-f=${binary:Package}\t${Architecture}\t${Version}\n", .. names], workingDirectory);
        return ParseVersions(versions);
    }

    /// <summary>The package names of <c>dpkg-query -S</c> output ("libc6-dev:arm64: /usr/lib/…", "clang-14, lld-14: /usr/…").</summary>
    public static IReadOnlyList<string> ParseOwners(string output) =>
        [.. output.Split('\n')
            .Where(line => line.Contains(": ", StringComparison.Ordinal) && !line.StartsWith("dpkg-query:", StringComparison.Ordinal))
            .SelectMany(line => line[..line.IndexOf(": ", StringComparison.Ordinal)].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];

    /// <summary>The packages of <c>dpkg-query -W -f='${binary:Package}\t${Architecture}\t${Version}\n'</c> output, the architecture qualifier dropped from the name.</summary>
    public static IReadOnlyList<DebianPackage> ParseVersions(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .Where(fields => fields.Length == 3)
            .Select(fields => new DebianPackage(fields[0].Split(':')[0], fields[1], fields[2].Trim()))
            .Distinct()
            .OrderBy(package => package.Name, StringComparer.Ordinal)
            .ThenBy(package => package.Architecture, StringComparer.Ordinal)];

    private static string RealPath(string file) =>
        new FileInfo(file).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(file);
}
