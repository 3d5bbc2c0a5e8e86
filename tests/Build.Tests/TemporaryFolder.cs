namespace Prism.Pipeline.Tests;

/// <summary>A fresh folder under the system temp folder, deleted with everything in it on dispose.</summary>
internal sealed class TemporaryFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("prism-build-tests-").FullName;

    /// <summary>Writes <paramref name="text"/> byte for byte (no newline conversion) and returns the file's path.</summary>
    public string Write(string fileName, string text) => WriteBytes(fileName, System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>Writes raw bytes (creating any folder the name has) and returns the file's path.</summary>
    public string WriteBytes(string fileName, byte[] bytes)
    {
        var path = System.IO.Path.Combine(Path, fileName);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
