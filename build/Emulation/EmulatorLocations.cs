namespace Prism.Pipeline.Emulation;

/// <summary>
/// Where emulators and foreign runtime libraries are looked for: the build's PATH, the places Debian installs Wine's
/// loader outside PATH, and the roots that may hold another architecture's C library (the machine's own multiarch
/// folders under <c>/</c>, or a cross sysroot such as <c>/usr/aarch64-linux-gnu</c>). Tests point it at fakes.
/// </summary>
/// <param name="SearchPath">A PATH value (folders separated by the platform's separator).</param>
/// <param name="WineLoaders">Wine loaders tried after <c>wine64</c> on PATH and before <c>wine</c> on PATH.</param>
/// <param name="SysrootParents">Folders that hold a cross sysroot named for its multiarch tuple (<c>/usr</c> → <c>/usr/aarch64-linux-gnu</c>).</param>
/// <param name="MultiarchRoot">The root whose <c>lib/&lt;tuple&gt;</c> and <c>usr/lib/&lt;tuple&gt;</c> hold dpkg's foreign-architecture libraries.</param>
internal sealed record EmulatorLocations(string SearchPath, IReadOnlyList<string> WineLoaders, IReadOnlyList<string> SysrootParents, string MultiarchRoot)
{
    /// <summary>This machine, with PATH taken from the build's environment.</summary>
    public static EmulatorLocations ForThisMachine(IReadOnlyDictionary<string, string> environment) =>
        new(environment.GetValueOrDefault("PATH") ?? "", ["/usr/lib/wine/wine64"], ["/usr"], "/");
}
