namespace Prism.TestSupport;

/// <summary>
/// A fresh folder under the system temp folder, deleted with everything in it on dispose. It and every folder made
/// in it are 0700 on Unix whatever the umask, as a user's private folder is, so tests that care about others' access
/// start from none.
/// </summary>
public sealed class TemporaryFolder : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public TemporaryFolder() => MakeFolders(Path);

    public string Path { get; } = Directory.CreateTempSubdirectory("prism-tests-").FullName;

    /// <summary>Creates an empty file (and its folders) at a path relative to this folder; returns its full path.</summary>
    public string File(string relativePath, bool executable = true)
    {
        // Full path: on Windows the '/' of relativePath becomes '\', as in the paths the code under test builds.
        var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(Path, relativePath));
        MakeFolders(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, string.Empty);
        if (!OperatingSystem.IsWindows())
        {
            System.IO.File.SetUnixFileMode(path, executable ? Private : UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return path;
    }

    /// <summary>Writes an executable shell script (Unix only) at a path relative to this folder.</summary>
    public string Script(string relativePath, string body)
    {
        var path = File(relativePath);
        System.IO.File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        return path;
    }

    /// <summary>Writes <paramref name="text"/> byte for byte (UTF-8, no newline conversion) and returns the file's path.</summary>
    public string Write(string relativePath, string text) => WriteBytes(relativePath, System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>Writes raw bytes (creating any folder the name has, with the umask's mode) and returns the file's path.</summary>
    public string WriteBytes(string relativePath, byte[] bytes)
    {
        var path = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Creates a folder (and its parents) at a path relative to this folder; returns its full path.</summary>
    public string Folder(string relativePath) => MakeFolders(System.IO.Path.Combine(Path, relativePath));

    /// <summary>Creates <paramref name="folder"/> and its missing parents, each 0700 on Unix; returns its full path.</summary>
    private string MakeFolders(string folder)
    {
        var full = System.IO.Path.GetFullPath(folder);
        var created = Directory.CreateDirectory(full);
        if (!OperatingSystem.IsWindows())
        {
            var root = System.IO.Path.GetFullPath(Path);
            for (var current = created; current is not null && current.FullName.StartsWith(root, StringComparison.Ordinal); current = current.Parent)
            {
                System.IO.File.SetUnixFileMode(current.FullName, Private);
            }
        }

        return created.FullName;
    }

    /// <summary>Deletes the folder; a file a test's process still holds (Windows) gets a few more tries as that process ends.</summary>
    public void Dispose()
    {
        for (var attempt = 1; Directory.Exists(Path); attempt++)
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException && attempt < 20)
            {
                Thread.Sleep(100);
            }
        }
    }
}
