using Prism.Platform;

namespace Prism.Pipeline.Sidecars.Inspection;

/// <summary>The oldest system of each OS the app promises, and the check of one binary against its OS's floor (the macOS one
/// is read from the Tauri config only when a macOS binary is checked).</summary>
internal sealed record PlatformFloors(LinuxFloor Linux, Lazy<MacOSFloor> MacOS)
{
    /// <summary>Reads what <paramref name="path"/> (a binary whose header already passed as <paramref name="os"/>) asks of
    /// its OS and compares it with the floor; <paramref name="fileName"/> names it in messages.</summary>
    public FloorCheck Check(string path, string fileName, TargetOs os)
    {
        try
        {
            return os switch
            {
                TargetOs.Linux => Linux.Check(fileName, ElfDependencyReader.Read(path)),
                TargetOs.MacOS => MacOS.Value.Check(fileName, ReadSlices(path)),
                TargetOs.Windows => WindowsFloor.Check(fileName, PeImports.Read(path)),
                _ => new FloorCheck("(no floor for this OS)", []),
            };
        }
        catch (Exception error) when (error is InvalidDataException or BadImageFormatException or IOException or ArgumentException or OverflowException)
        {
            return new FloorCheck("unreadable", [$"{fileName}: its dependencies cannot be read ({error.Message}): a corrupt binary? Stage it again."]);
        }
    }

    private static IReadOnlyList<MachOSlice> ReadSlices(string path)
    {
        using var stream = File.OpenRead(path);
        return MachOSlices.Read(stream);
    }
}
