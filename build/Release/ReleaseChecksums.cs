using System.Text;
using Prism.Pipeline.Engine;
using Prism.Pipeline.Tools;

namespace Prism.Pipeline.Release;

/// <summary><c>SHA256SUMS</c> in sha256sum's text format (<c>hash␠␠name</c>, one line per file, by name), so
/// <c>sha256sum -c SHA256SUMS</c> checks a download; reading it back gives the names and hashes it lists.</summary>
internal static class ReleaseChecksums
{
    public const string FileName = "SHA256SUMS";

    public static byte[] Write(AbsolutePath releaseDirectory, IEnumerable<string> fileNames)
    {
        var text = string.Concat(fileNames.Order(StringComparer.Ordinal).Select(name => $"{ContentHash.Sha256(releaseDirectory / name)}  {name}\n"));
        var bytes = Encoding.UTF8.GetBytes(text);
        new AtomicFile().WriteAllBytes(releaseDirectory / FileName, bytes);
        return bytes;
    }

    /// <summary>The lines of a SHA256SUMS file as (name, hash); a line not in that format is returned as a problem.</summary>
    public static (List<(string Name, string Sha256)> Entries, List<string> Problems) Read(string text)
    {
        var entries = new List<(string, string)>();
        var problems = new List<string>();
        foreach (var (line, number) in text.Split('\n').Select((line, index) => (line, index + 1)).Where(pair => pair.line.Length > 0))
        {
            // sha256sum writes "hash  name" (text mode) or "hash *name" (binary mode).
            var hash = line.Length > 66 ? line[..64] : "";
            if (hash.Length != 64 || !hash.All(Uri.IsHexDigit) || line[64] != ' ' || line[65] is not (' ' or '*'))
            {
                problems.Add($"{FileName} line {number} is not '<sha256>  <file name>': {line}");
                continue;
            }

            entries.Add((line[66..], hash.ToLowerInvariant()));
        }

        return (entries, problems);
    }
}
