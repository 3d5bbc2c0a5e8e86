using Prism.Pipeline.Bundles;
using Prism.Pipeline.Engine;
using Prism.Pipeline.Sidecars.Staging;
using Prism.Pipeline.Tauri;
using Prism.Pipeline.Tools;
using Prism.Platform;

/// <summary>VerifyBundle: the installers `tauri build` made hold the sidecars as staged.</summary>
internal sealed partial class Build
{
    [Parameter("What VerifyBundle checks: a .deb, .rpm, AppImage, .app folder or Windows install folder from `tauri build`, or a folder of them (e.g. src-tauri/target/release/bundle).")]
    readonly AbsolutePath? Bundle = null;

    Target VerifyBundle => _ => _
        .Description("Checks the bundles `tauri build` made (--bundle): each selected sidecar present under its bundled name, executable, and the one " +
                     "staged (by SHA-256; a signed macOS sidecar by the bytes signing leaves alone), and for a .deb/.rpm the dependencies of the Tauri config, " +
                     "OpenSSL 3 included.")
        .Requires(() => Bundle)
        .After(Stage, StageUniversal, PatchTauriConfig, Verify)
        .Executes(VerifyBundlesAsync);

    async Task VerifyBundlesAsync()
    {
        var (found, skipped) = FindBundles(Bundle!.Value);
        foreach (var note in skipped)
        {
            Log.Warning("{Note}", note);
        }

        var dependencies = ConfigLinuxDependencies();
        var problems = new List<string>();
        foreach (var bundle in found)
        {
            OpenedBundle opened;
            try
            {
                opened = await OpenBundleAsync(bundle);
            }
            catch (InvalidDataException error)
            {
                problems.Add($"{bundle.Path}: cannot be read as a {bundle.Kind} ({error.Message}).");
                continue;
            }

            var (bundleProblems, notes) = BundleVerifier.Verify(opened, StagedSidecarsFor, dependencies);
            problems.AddRange(bundleProblems);
            foreach (var (key, value) in notes)
            {
                ReportSummary(key, value);
            }
        }

        if (found.Count == 0)
        {
            problems.Add($"{Bundle}: no bundle VerifyBundle can read (see the warnings above).");
        }

        if (problems.Count > 0)
        {
            throw BuildException.Problems("VerifyBundle found problems:", problems);
        }
    }

    static (IReadOnlyList<BundleLocator.Found> Bundles, IReadOnlyList<string> Skipped) FindBundles(string path)
    {
        try
        {
            return BundleLocator.Find(path);
        }
        catch (FileNotFoundException error)
        {
            throw BuildException.Failure(error.Message);
        }
    }

    async Task<OpenedBundle> OpenBundleAsync(BundleLocator.Found bundle) => bundle.Kind switch
    {
        BundleKind.Deb => DebPackage.Read(bundle.Path),
        BundleKind.Rpm => RpmPackage.Read(bundle.Path),
        BundleKind.MacApp => ProgramFolder.ReadMacApp(bundle.Path),
        BundleKind.InstallFolder => ProgramFolder.ReadInstallFolder(bundle.Path),
        BundleKind.AppImage => await AppImage.ReadAsync(bundle.Path, ExecutableSearch.Find("unsquashfs") ??
            throw BuildException.Failure($"{bundle.Path}: reading an AppImage needs unsquashfs, which is not on PATH: `{AppImage.UnsquashfsInstall}`."), ToolRunner),
        _ => throw new ArgumentOutOfRangeException(nameof(bundle), bundle.Kind, "no reader"),
    };

    /// <summary>The selected sidecars as staged for <paramref name="triple"/>: the files in src-tauri/binaries and Stage's records.</summary>
    IReadOnlyList<StagedSidecar> StagedSidecarsFor(string triple) =>
    [
        .. Selection.Sidecars.Select(sidecar =>
        {
            var fileName = SidecarFileNames.Staged(sidecar.Name, triple);
            return new StagedSidecar(sidecar.Name, fileName, BinariesDirectory / fileName, StagedBinary.Load(StagingRecordsDirectory, fileName)?.Sha256);
        }),
    ];

    /// <summary>
    /// <c>bundle.linux.deb.depends</c> and <c>bundle.linux.rpm.depends</c> as the Linux bundles were built with them: the
    /// Linux platform config's list where it sets one (a merge patch replaces arrays), else the config's own.
    /// </summary>
    Dictionary<string, IReadOnlyList<string>> ConfigLinuxDependencies()
    {
        var configs = PlatformOverlays.PathsBeside(TauriConfigFile)
            .Where(path => Path.GetFileName(path).Contains(".linux.", StringComparison.Ordinal))
            .Append((string)TauriConfigFile)
            .Where(File.Exists)
            .Select(path => TauriConfigDocument.Load(path))
            .ToList();
        return LinuxPackageDependency.OpenSsl3.ToDictionary(dependency => dependency.Format, dependency =>
            (IReadOnlyList<string>)(configs.Select(config => config.Find(dependency.KeyPath, "package names")).FirstOrDefault(list => list.IsSet)?
                .Entries.Select(entry => entry.StringValue!).ToList() ?? []));
    }
}
