using System.Security.Cryptography;
using System.Text;
using Prism.Pipeline.Engine;
using Prism.Pipeline.Tools;

namespace Prism.Pipeline.Sidecars.Publishing;

/// <summary>
/// A hash of everything a publish depends on: the files of the project and of the projects it references (bin/ and
/// obj/ excluded), the files beside those folders up to the root (imported props such as src/Sidecar.props), the
/// repository-wide build files, and the runtime, mode, toolchain properties, configuration and SDK.
/// </summary>
internal static class PublishFingerprint
{
    private static readonly string[] SharedInputs =
        ["global.json", "Directory.Build.props", "Directory.Packages.props", "NuGet.config", ".editorconfig"];

    public static string Compute(PublishRequest request, AbsolutePath root, string sdkVersion)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, $"rid={request.Runtime.Rid};mode={request.Mode};configuration=Release;sdk={sdkVersion};" +
            $"toolchain={string.Join(' ', request.ToolchainProperties)}");
        var folders = ProjectReferences.Closure(request.Project).Select(project => Path.GetDirectoryName(project)!).ToList();
        var files = folders.SelectMany(SourceFiles)
            .Concat(folders.SelectMany(folder => FilesBetween(folder, root)))
            .Concat(SharedInputs.Select(name => (string)(root / name)).Where(File.Exists))
            .Distinct()
            .OrderBy(path => Path.GetRelativePath(root, path).Replace('\\', '/'), StringComparer.Ordinal);
        foreach (var file in files)
        {
            Append(hash, Path.GetRelativePath(root, file).Replace('\\', '/'));
            hash.AppendData(File.ReadAllBytes(file));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(file => !Path.GetRelativePath(folder, file).Replace('\\', '/').Split('/')
                .Any(part => part is "bin" or "obj"));

    /// <summary>The files directly inside each folder above <paramref name="folder"/>, up to (not including) the root.</summary>
    private static IEnumerable<string> FilesBetween(string folder, string root)
    {
        for (var parent = Path.GetDirectoryName(folder); parent is not null && parent.Length > root.Length; parent = Path.GetDirectoryName(parent))
        {
            foreach (var file in Directory.EnumerateFiles(parent))
            {
                yield return file;
            }
        }
    }

    private static void Append(IncrementalHash hash, string text) => hash.AppendData(Encoding.UTF8.GetBytes(text + "\n"));
}
