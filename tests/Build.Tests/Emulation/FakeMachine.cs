using Prism.Pipeline.Emulation;
using Prism.Pipeline.Tools;

namespace Prism.Pipeline.Tests.Emulation;

/// <summary>
/// A machine laid out in a temporary folder: a PATH folder for emulator programs (shell scripts that answer like the
/// real ones), a root with dpkg's multiarch library folders, and a folder of cross sysroots.
/// </summary>
internal sealed class FakeMachine : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public FakeMachine()
    {
        Directory.CreateDirectory(Bin);
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(Sysroots);
    }

    public string Bin => Path.Combine(folder.Path, "bin");

    public string Root => Path.Combine(folder.Path, "root");

    public string Sysroots => Path.Combine(folder.Path, "usr");

    /// <summary>Wine loaders outside PATH, as Debian's /usr/lib/wine/wine64.</summary>
    public List<string> WineLoaders { get; } = [];

    public EmulatorLocations Locations => new(Bin, WineLoaders, [Sysroots], Root);

    /// <summary>An executable shell script at <paramref name="path"/> (relative to the fake machine's folder).</summary>
    public string Script(string path, string body)
    {
        var full = Path.Combine(folder.Path, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        new AtomicFile().WriteAllBytes(full, System.Text.Encoding.UTF8.GetBytes("#!/bin/sh\n" + body + "\n"), FileModes.Executable);
        return full;
    }

    /// <summary>Empty files standing for libraries (their presence is all the probe looks at).</summary>
    public void Files(string folderPath, params string[] names)
    {
        var full = Path.Combine(folder.Path, folderPath);
        Directory.CreateDirectory(full);
        foreach (var name in names)
        {
            File.WriteAllBytes(Path.Combine(full, name), []);
        }
    }

    /// <summary>The files of Debian's arm64 libc6, libstdc++6, zlib1g and libssl3 that the probe looks for.</summary>
    public static readonly string[] Arm64Libraries = ["libc.so.6", "libstdc++.so.6", "libz.so.1", "libssl.so.3"];

    /// <summary>The arm64 userland of Debian's multiarch packages, without <paramref name="leaveOut"/>.</summary>
    public void Arm64Multiarch(params string[] leaveOut)
    {
        Files("root/lib", "ld-linux-aarch64.so.1");
        Files("root/lib/aarch64-linux-gnu", [.. Arm64Libraries.Except(leaveOut)]);
    }

    public void Dispose() => folder.Dispose();
}
