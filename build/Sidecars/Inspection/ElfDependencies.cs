namespace Prism.Pipeline.Sidecars.Inspection;

/// <summary>
/// What a dynamically linked ELF asks of the system that runs it: the libraries its <c>DT_NEEDED</c> entries name, and
/// the symbol versions it needs from them (<c>.gnu.version_r</c>), each with the undefined symbols bound to it
/// (<c>.gnu.version</c>). The dynamic loader refuses to start the program when a library or a version is missing:
/// "version `GLIBC_2.38' not found".
/// </summary>
internal sealed record ElfDependencies(IReadOnlyList<string> NeededLibraries, IReadOnlyList<RequiredSymbolVersion> Versions)
{
    /// <summary>A statically linked binary needs nothing.</summary>
    public static readonly ElfDependencies None = new([], []);

    /// <summary>The newest version named <paramref name="prefix"/><c>N.N…</c> (e.g. <c>GLIBC_</c>), or null when none is needed.</summary>
    public RequiredSymbolVersion? Newest(string prefix) =>
        Versions.Where(version => version.Number(prefix) is not null).MaxBy(version => version.Number(prefix));
}

/// <summary>One version a binary needs from a library (e.g. <c>GLIBC_2.34</c> of <c>libc.so.6</c>) and the symbols that need it.</summary>
internal sealed record RequiredSymbolVersion(string Library, string Name, IReadOnlyList<string> Symbols)
{
    /// <summary>The number after <paramref name="prefix"/> (<c>GLIBC_2.34</c> → 2.34), or null when the name is not of that family.</summary>
    public Version? Number(string prefix) =>
        Name.StartsWith(prefix, StringComparison.Ordinal) && Version.TryParse(Name[prefix.Length..], out var number) ? number : null;

    /// <summary>For messages: the version and, when a symbol needs it, the first one, e.g. <c>GLIBC_2.34 (__libc_start_main@GLIBC_2.34 and 2 more)</c>.</summary>
    public string Describe() => Symbols.Count switch
    {
        0 => $"{Name} of {Library}",
        1 => $"{Name} of {Library} ({Symbols[0]}@{Name})",
        _ => $"{Name} of {Library} ({Symbols[0]}@{Name} and {Symbols.Count - 1} more)",
    };
}
