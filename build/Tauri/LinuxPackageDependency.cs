namespace Prism.Pipeline.Tauri;

/// <summary>
/// A package the sidecars need at run time, declared where Tauri's Linux bundles take dependencies
/// (<c>bundle.linux.deb.depends</c>, <c>bundle.linux.rpm.depends</c>; AppImages carry no dependency list).
/// <see cref="Entry"/> is what the pipeline adds; an entry the user wrote already counts when it names one of
/// <see cref="SatisfiedBy"/> (in any of its alternatives, with or without a version).
/// </summary>
public sealed record LinuxPackageDependency(string Format, string Entry, IReadOnlyList<string> SatisfiedBy)
{
    /// <summary>
    /// OpenSSL 3, which .NET loads for TLS (without it: "No usable version of libssl was found"). Debian renamed
    /// libssl3 to libssl3t64 in trixie and Ubuntu 24.04 (64-bit time_t), so the .deb accepts either. The .rpm names
    /// the shared library itself, the capability RPM distributions provide whatever the package is called
    /// (Fedora/RHEL openssl-libs, openSUSE libopenssl3); 64bit because every Linux triple we bundle is 64-bit.
    /// </summary>
    public static readonly IReadOnlyList<LinuxPackageDependency> OpenSsl3 =
    [
        new("deb", "libssl3t64 | libssl3", ["libssl3t64", "libssl3"]),
        new("rpm", "libssl.so.3()(64bit)", ["libssl.so.3()(64bit)", "libssl.so.3", "openssl-libs", "libopenssl3"]),
    ];

    /// <summary>The keys of the list in a Tauri v2 config.</summary>
    public IReadOnlyList<string> KeyPath => ["bundle", "linux", Format, "depends"];

    /// <summary>For messages and the summary, e.g. <c>bundle.linux.deb.depends</c>.</summary>
    public string KeyPathText => string.Join('.', KeyPath);

    /// <summary>Whether one of <paramref name="entries"/> already declares this dependency.</summary>
    public bool IsDeclaredBy(IEnumerable<string> entries) => entries.SelectMany(PackageNames).Any(SatisfiedBy.Contains);

    /// <summary>The package names an entry mentions: Debian's alternatives (<c>a (>= 1) | b:arm64</c>), or an RPM name
    /// before its version (<c>openssl-libs >= 3</c>).</summary>
    private IEnumerable<string> PackageNames(string entry) => Format == "deb"
        ? entry.Split('|').Select(alternative => alternative.Trim().Split([' ', '(', ':'], 2)[0])
        : [entry.Trim().Split(' ', 2)[0]];
}
