using System.Text.RegularExpressions;

namespace Prism.Pipeline.Sidecars.Inspection;

/// <summary>
/// The oldest Linux the app's bundles promise, as the C runtime versions a sidecar may ask for: the newest
/// <c>GLIBC_</c> and <c>GLIBCXX_</c> symbol versions, and only libraries every glibc desktop has.
/// </summary>
internal sealed partial record LinuxFloor(Version Glibc, Version Glibcxx)
{
    /// <summary>Tauri v2's Linux bundles need webkit2gtk-4.1, first shipped by Ubuntu 22.04, whose glibc is 2.35.</summary>
    public const string DefaultGlibc = "2.35";

    /// <summary>Ubuntu 22.04's libstdc++6 (GCC 12) provides up to GLIBCXX_3.4.30.</summary>
    public const string DefaultGlibcxx = "3.4.30";

    /// <summary>
    /// What may be NEEDED: glibc's own libraries and dynamic loader, and GCC's runtime (libgcc_s, libstdc++: required
    /// packages of every glibc distribution, and webkit2gtk-4.1 links libstdc++ itself). Anything else may be missing
    /// on a user's machine; .NET loads OpenSSL and ICU with dlopen, which needs no NEEDED entry.
    /// </summary>
    [GeneratedRegex(@"^(lib(c|m|dl|pthread|rt|util|resolv|anl)\.so\.\d+|ld-linux[\w.-]*\.so\.\d+|libgcc_s\.so\.1|libstdc\+\+\.so\.6)$")]
    private static partial Regex CRuntimeLibrary();

    /// <summary>The figure and problems of one ELF; <paramref name="fileName"/> names it in messages.</summary>
    public FloorCheck Check(string fileName, ElfDependencies dependencies)
    {
        if (dependencies.NeededLibraries.Count == 0)
        {
            return new("statically linked (needs no system libraries)", []);
        }

        var glibc = dependencies.Newest("GLIBC_");
        var glibcxx = dependencies.Newest("GLIBCXX_");
        var problems = new List<string>();
        if (glibc?.Number("GLIBC_") is { } glibcNeeded && VersionNumbers.IsNewer(glibcNeeded, Glibc))
        {
            problems.Add($"{fileName} needs {glibc.Describe()}, above the glibc floor {Glibc}: on an older distribution (Ubuntu 22.04 has 2.35, " +
                         $"the oldest Tauri v2's webkit2gtk-4.1 runs on) it fails with \"version `{glibc.Name}' not found\" while the app starts. " +
                         $"Link it against an older glibc (build it on Ubuntu 22.04, e.g. `runs-on: ubuntu-22.04` instead of ubuntu-latest, " +
                         $"or in an Ubuntu 22.04 container), or declare the newer floor the app then has: `--glibc-floor {VersionNumbers.Short(glibcNeeded)}`.");
        }

        if (glibcxx?.Number("GLIBCXX_") is { } glibcxxNeeded && VersionNumbers.IsNewer(glibcxxNeeded, Glibcxx))
        {
            problems.Add($"{fileName} needs {glibcxx.Describe()}, above the libstdc++ floor {Glibcxx} (Ubuntu 22.04's libstdc++6): " +
                         $"on an older distribution it fails with \"version `{glibcxx.Name}' not found\". Build it with an older GCC " +
                         $"(on Ubuntu 22.04), link libstdc++ statically, or declare the newer floor: `--glibcxx-floor {glibcxxNeeded}`.");
        }

        problems.AddRange(dependencies.NeededLibraries.Where(library => !CRuntimeLibrary().IsMatch(library)).Select(library =>
            $"{fileName} needs {library} (DT_NEEDED), which is not part of the C runtime every Linux desktop has (glibc's libraries, " +
            $"the loader, libgcc_s, libstdc++): where it is missing the sidecar fails with \"error while loading shared libraries: {library}\" " +
            "while the app starts. Link it statically or drop the dependency (load it with dlopen and handle its absence, as .NET does OpenSSL)."));

        var figure = $"glibc {(glibc?.Number("GLIBC_") is { } version ? VersionNumbers.Short(version) : "(no versioned symbols)")}" +
                     (glibcxx?.Number("GLIBCXX_") is { } cxx ? $", GLIBCXX {cxx}" : "") +
                     $" (floor {Glibc}); needs {string.Join(" ", dependencies.NeededLibraries)}";
        return new(figure, problems);
    }
}
