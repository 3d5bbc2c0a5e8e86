namespace Prism.Host.Tests;

/// <summary>
/// A fresh folder under the system temp folder, owner-only (0700) like a data folder tr-daemon accepts, deleted on dispose.
/// </summary>
internal sealed class TemporaryFolder : IDisposable
{
    public TemporaryFolder()
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(Path);
        }
        else
        {
            Directory.CreateDirectory(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "prism-host-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>Creates an empty file (and its folders) at a path relative to this folder; returns its full path.</summary>
    public string File(string relativePath, bool executable = true)
    {
        // Full path: on Windows the '/' of relativePath becomes '\', as in the paths the code under test builds.
        var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(Path, relativePath));
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, string.Empty);
        if (!OperatingSystem.IsWindows())
        {
            System.IO.File.SetUnixFileMode(path, executable ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute : UnixFileMode.UserRead | UnixFileMode.UserWrite);
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

    public string Folder(string relativePath) => Directory.CreateDirectory(System.IO.Path.Combine(Path, relativePath)).FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process of a failed test may still hold a file; the temp folder is cleaned by the OS.
        }
    }
}
