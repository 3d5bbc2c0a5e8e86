using Prism.Pipeline.Engine;
using Serilog;

namespace Prism.Pipeline.Tools;

/// <summary>What Clean removes: generated folders only, never sources.</summary>
internal static class BuildOutputs
{
    private static readonly string[] SourceRoots = ["src", "tests"];
    private static readonly string[] OutputFolderNames = ["bin", "obj"];

    /// <summary>Deletes the artifacts folder and every bin/ and obj/ under src/ and tests/.</summary>
    public static void Delete(AbsolutePath root, AbsolutePath artifacts, ILogger log)
    {
        var folders = SourceRoots.Select(name => root / name)
            .Where(folder => folder.DirectoryExists)
            .SelectMany(folder => Directory.EnumerateDirectories(folder, "*", SearchOption.AllDirectories))
            .Where(folder => OutputFolderNames.Contains(Path.GetFileName(folder)))
            .Prepend(artifacts.Value)
            .ToList();
        foreach (var folder in folders.Where(Directory.Exists))
        {
            DeleteDirectory(folder);
            log.Information("Deleted {Folder}", Path.GetRelativePath(root, folder));
        }
    }

    /// <summary>Deletes a folder and everything in it; a missing folder is fine.</summary>
    public static void DeleteDirectory(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
