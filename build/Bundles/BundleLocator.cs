namespace Prism.Pipeline.Bundles;

/// <summary>
/// What <c>--bundle</c> names: one bundle (a .deb, .rpm or AppImage file, a .app folder, a Windows install folder), or
/// a folder holding bundles — as <c>target/release/bundle/</c> after <c>tauri build</c> — searched to any depth.
/// Installers that cannot be read without installing them are listed with what to pass instead.
/// </summary>
internal static class BundleLocator
{
    /// <summary>A bundle found: where, and which reader opens it.</summary>
    internal sealed record Found(string Path, BundleKind Kind);

    /// <summary>The bundles at <paramref name="path"/>, and a note per installer skipped.</summary>
    /// <exception cref="FileNotFoundException">Nothing at the path, or no bundle in the folder.</exception>
    public static (IReadOnlyList<Found> Bundles, IReadOnlyList<string> Skipped) Find(string path)
    {
        if (File.Exists(path))
        {
            return KindOfFile(path) is { } kind
                ? ([new Found(path, kind)], [])
                : throw new FileNotFoundException($"{path} is not a bundle VerifyBundle reads: pass a .deb, .rpm, AppImage, .app folder or Windows install folder, or a folder of them.");
        }

        if (!Directory.Exists(path))
        {
            throw new FileNotFoundException($"{path} does not exist. Pass what `tauri build` made, e.g. src-tauri/target/release/bundle.");
        }

        if (IsMacApp(path))
        {
            return ([new Found(path, BundleKind.MacApp)], []);
        }

        var bundles = new List<Found>();
        var skipped = new List<string>();
        Search(path, bundles, skipped);
        if (bundles.Count == 0 && Directory.EnumerateFiles(path, "*.exe").Any() && skipped.Count == 0)
        {
            bundles.Add(new Found(path, BundleKind.InstallFolder));
        }

        return bundles.Count > 0 || skipped.Count > 0
            ? (bundles, skipped)
            : throw new FileNotFoundException($"{path} holds no bundle: no .deb, .rpm, AppImage or .app below it, and no .exe in it (a Windows install folder).");
    }

    private static void Search(string folder, List<Found> bundles, List<string> skipped)
    {
        foreach (var file in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
        {
            if (KindOfFile(file) is { } kind)
            {
                bundles.Add(new Found(file, kind));
            }
            else if (InstallerNote(file) is { } note)
            {
                skipped.Add(note);
            }
        }

        foreach (var child in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
        {
            if (IsMacApp(child))
            {
                bundles.Add(new Found(child, BundleKind.MacApp));
            }
            else
            {
                Search(child, bundles, skipped);
            }
        }
    }

    private static BundleKind? KindOfFile(string file) => Path.GetExtension(file).ToLowerInvariant() switch
    {
        ".deb" => BundleKind.Deb,
        ".rpm" => BundleKind.Rpm,
        ".appimage" => BundleKind.AppImage,
        _ => null,
    };

    private static bool IsMacApp(string folder) => folder.TrimEnd('/', '\\').EndsWith(".app", StringComparison.OrdinalIgnoreCase);

    /// <summary>Installers hold their files compressed in formats read only by installing them.</summary>
    private static string? InstallerNote(string file) => Path.GetExtension(file).ToLowerInvariant() switch
    {
        ".msi" or ".exe" when Path.GetFileName(file).Contains("setup", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".msi", StringComparison.OrdinalIgnoreCase) =>
            $"{file}: a Windows installer, not read: install it (e.g. `msiexec /i ... /qn`, or the NSIS installer with /S) and pass the install folder.",
        ".dmg" => $"{file}: a disk image, not read: pass the .app it holds (bundle/macos/*.app).",
        _ => null,
    };
}

/// <summary>The kinds of bundle VerifyBundle reads.</summary>
internal enum BundleKind
{
    Deb,
    Rpm,
    AppImage,
    MacApp,
    InstallFolder,
}
