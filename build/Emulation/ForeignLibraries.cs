namespace Prism.Pipeline.Emulation;

/// <summary>
/// Where another architecture's runtime libraries are, for qemu-user: dpkg's multiarch folders of this machine
/// (<c>/lib/aarch64-linux-gnu</c>, the loader in <c>/lib</c>: qemu needs no prefix), else a cross sysroot
/// (<c>/usr/aarch64-linux-gnu</c>, given to qemu as <c>-L</c>). Names what is missing and the package that brings it.
/// </summary>
internal sealed record ForeignLibraries(IReadOnlyList<string> QemuArguments, IReadOnlyList<string> Problems, IReadOnlyList<string> MissingPackages)
{
    public static ForeignLibraries Find(LinuxArchitecture architecture, EmulatorLocations locations)
    {
        // The machine's own root first (no -L), then each cross sysroot; the first with the loader is the one qemu
        // will use, so its libraries are the ones that count.
        var roots = new[] { Multiarch(locations.MultiarchRoot, architecture) }
            .Concat(locations.SysrootParents.Select(parent => Sysroot(Path.Combine(parent, architecture.MultiarchTuple), architecture)))
            .ToList();
        var chosen = roots.FirstOrDefault(root => root.LoaderFolders.Any(folder => File.Exists(Path.Combine(folder, architecture.Loader))));
        if (chosen is null)
        {
            var looked = string.Join(", ", roots.SelectMany(root => root.LoaderFolders).Select(folder => Path.Combine(folder, architecture.Loader)));
            return new([], [$"no {architecture.DpkgArchitecture} C library (no {looked})"],
                [.. LinuxArchitecture.RuntimeLibraries.Select(library => library.Package)]);
        }

        var missing = LinuxArchitecture.RuntimeLibraries
            .Where(library => !library.Files.Any(file => chosen.LibraryFolders.Any(folder => File.Exists(Path.Combine(folder, file)))))
            .ToList();
        return new(chosen.QemuArguments,
            [.. missing.Select(library => $"no {architecture.DpkgArchitecture} {library.Files[0]} (looked in {string.Join(", ", chosen.LibraryFolders)})")],
            [.. missing.Select(library => library.Package)]);
    }

    private static LibraryRoot Multiarch(string root, LinuxArchitecture architecture) =>
        new([Path.Combine(root, "lib"), Path.Combine(root, "lib", architecture.MultiarchTuple)],
            [Path.Combine(root, "lib", architecture.MultiarchTuple), Path.Combine(root, "usr", "lib", architecture.MultiarchTuple)],
            []);

    private static LibraryRoot Sysroot(string sysroot, LinuxArchitecture architecture) =>
        new([Path.Combine(sysroot, "lib")],
            [Path.Combine(sysroot, "lib"), Path.Combine(sysroot, "usr", "lib"), Path.Combine(sysroot, "lib", architecture.MultiarchTuple), Path.Combine(sysroot, "usr", "lib", architecture.MultiarchTuple)],
            ["-L", sysroot]);

    /// <summary>One place a foreign architecture's userland may live, and what qemu needs to be told to use it.</summary>
    private sealed record LibraryRoot(IReadOnlyList<string> LoaderFolders, IReadOnlyList<string> LibraryFolders, IReadOnlyList<string> QemuArguments);
}
