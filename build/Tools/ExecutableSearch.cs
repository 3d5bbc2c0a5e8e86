namespace Prism.Pipeline.Tools;

/// <summary>Finds programs on PATH, as a shell would.</summary>
internal static class ExecutableSearch
{
    /// <summary>
    /// The full path of the first <paramref name="name"/> on PATH (with <c>.exe</c> on Windows), or null;
    /// <paramref name="searchPath"/> stands for this process's PATH when given (the build's own environment).
    /// </summary>
    public static string? Find(string name, string? searchPath = null)
    {
        var fileName = OperatingSystem.IsWindows() ? name + ".exe" : name;
        return PathFolders(searchPath).Select(folder => Path.Combine(folder, fileName)).FirstOrDefault(File.Exists);
    }

    /// <summary>The newest of <c>name-NN</c> on PATH (Debian's versioned LLVM tools, e.g. <c>llvm-lipo-14</c>), or null.</summary>
    public static string? FindVersioned(string name) =>
        PathFolders().Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, name + "-*"))
            .Order(StringComparer.Ordinal)
            .LastOrDefault();

    private static string[] PathFolders(string? searchPath = null) =>
        (searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
}
