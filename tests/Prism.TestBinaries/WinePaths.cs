namespace Prism.TestBinaries;

/// <summary>
/// Paths between this machine and a Windows program under Wine: the Unix root is drive <c>Z:</c> in every prefix,
/// drive <c>C:</c> is the prefix's <c>drive_c</c> folder.
/// </summary>
public static class WinePaths
{
    public static string ToWindows(string unixPath) => "Z:" + Path.GetFullPath(unixPath).Replace('/', '\\');

    /// <summary>Where <paramref name="windowsPath"/> (<c>C:\…</c> or <c>Z:\…</c>) is on this machine, for the prefix in <paramref name="emulator"/>'s environment.</summary>
    public static string ToUnix(string windowsPath, Emulator emulator)
    {
        var rest = windowsPath[2..].Replace('\\', '/');
        return char.ToUpperInvariant(windowsPath[0]) switch
        {
            'Z' => rest,
            'C' => Path.Combine(Prefix(emulator), "drive_c") + rest,
            _ => throw new ArgumentException($"{windowsPath} is on neither drive C: nor Z: of a Wine prefix.", nameof(windowsPath)),
        };
    }

    /// <summary>The Wine prefix the emulator uses: its WINEPREFIX, else Wine's default ~/.wine.</summary>
    public static string Prefix(Emulator emulator) =>
        emulator.Environment.TryGetValue("WINEPREFIX", out var prefix) && prefix.Length > 0
            ? prefix
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".wine");
}
