using System.Runtime.InteropServices;
using Prism.Platform;

namespace Prism.Pipeline.Sidecars.Publishing;

/// <summary>
/// What Native AOT needs to link a Linux glibc binary for the other architecture (x64 ↔ arm64) on this machine:
/// clang (the ILCompiler's driver, with <c>--target</c>), lld (we ask for it: it links any architecture, where GNU ld
/// would need the target's binutils) and the target's multiarch C runtime — the files Debian's
/// <c>libc6-dev:&lt;arch&gt;</c> and <c>libgcc-N-dev:&lt;arch&gt;</c> put in <c>/usr/lib/&lt;tuple&gt;</c> and
/// <c>/usr/lib/gcc/&lt;tuple&gt;/N</c>. zlib comes with the ILCompiler's runtime pack (libz.a), so no zlib package.
/// Found by looking, never assumed: a missing piece is named with the package that provides it.
/// </summary>
internal sealed class LinuxCrossToolchain(RuntimeTarget host, string root, Func<string, string?> findProgram)
{
    /// <summary>Passed to <c>dotnet publish</c> for a cross-architecture Linux AOT publish: link with lld.</summary>
    public static readonly IReadOnlyList<string> PublishProperties = ["-p:LinkerFlavor=lld"];

    /// <summary>The C runtime files of libc6-dev in /usr/lib/&lt;tuple&gt;: the start files and the linker script of libc.</summary>
    private static readonly string[] LibcFiles = ["crt1.o", "crti.o", "libc.so"];

    /// <summary>Where libgcc's start files live: the multiarch package's folder, or the cross package's.</summary>
    private static readonly string[] GccFolders = ["gcc", "gcc-cross"];

    /// <summary>The GCC version whose libgcc dev package to suggest when this machine has no GCC to read it from.</summary>
    private const string DefaultGccVersion = "12";

    /// <summary>Whether <paramref name="target"/> is the other glibc architecture of this Linux machine.</summary>
    public bool Crosses(RuntimeTarget target) =>
        host.Os == TargetOs.Linux && target.Os == TargetOs.Linux && host.Rid != target.Rid &&
        MultiarchTuple(host) is not null && MultiarchTuple(target) is not null;

    /// <summary>What is missing to link for <paramref name="target"/>: one line per piece, naming its Debian package.</summary>
    public IReadOnlyList<string> Missing(RuntimeTarget target)
    {
        var tuple = MultiarchTuple(target) ?? throw new ArgumentException($"{target.Rid} is not a glibc x64/arm64 runtime", nameof(target));
        var arch = DebianArchitecture(target);
        var missing = new List<string>();
        if (findProgram("clang") is null)
        {
            missing.Add("clang (package clang)");
        }

        if (findProgram("ld.lld") is null)
        {
            missing.Add("ld.lld (package lld)");
        }

        // Multiarch (libc6-dev:arm64) puts them in /usr/lib/<tuple>; the cross package (libc6-dev-arm64-cross) in /usr/<tuple>/lib.
        var libraries = Path.Combine(root, "usr", "lib", tuple);
        var crossLibraries = Path.Combine(root, "usr", tuple, "lib");
        missing.AddRange(LibcFiles
            .Where(file => !File.Exists(Path.Combine(libraries, file)) && !File.Exists(Path.Combine(crossLibraries, file)))
            .Select(file => $"{Path.Combine(libraries, file)} (package libc6-dev:{arch})"));

        if (GccRuntimeFolder(tuple) is null)
        {
            missing.Add($"{Path.Combine(root, "usr", "lib", "gcc", tuple)}/<version>/crtbeginS.o and libgcc.a (package libgcc-{HostGccVersion()}-dev:{arch})");
        }

        return missing;
    }

    /// <summary>
    /// The C runtime files a Native AOT link for <paramref name="target"/> takes from this machine (libc6-dev's start files
    /// and libc.so, libgcc's crtbeginS.o and libgcc.a), those that exist: what the toolchain record traces to packages.
    /// </summary>
    public IReadOnlyList<string> LinkFiles(RuntimeTarget target)
    {
        if (MultiarchTuple(target) is not { } tuple)
        {
            return [];
        }

        var libc = LibcFiles.Select(file => Path.Combine(root, "usr", "lib", tuple, file))
            .Concat(LibcFiles.Select(file => Path.Combine(root, "usr", tuple, "lib", file)));
        var gcc = GccRuntimeFolder(tuple) is { } folder ? new[] { Path.Combine(folder, "crtbeginS.o"), Path.Combine(folder, "libgcc.a") } : [];
        return [.. libc.Concat(gcc).Where(File.Exists)];
    }

    /// <summary>The reason AOT is not possible for <paramref name="target"/>, with the exact command that makes it possible.</summary>
    public string WhyNot(RuntimeTarget target)
    {
        var arch = DebianArchitecture(target);
        return $"Native AOT for {target.Rid} on this {host.Rid} machine cross-compiles with clang, lld and the {arch} C runtime, " +
               $"and this machine lacks: {string.Join("; ", Missing(target))}. Install them with " +
               $"`sudo dpkg --add-architecture {arch} && sudo apt-get update && sudo apt-get install clang lld libc6-dev:{arch} libgcc-{HostGccVersion()}-dev:{arch}`, " +
               "or use --publish-mode single-file.";
    }

    /// <summary>The folder with the target's crtbeginS.o and libgcc.a: the multiarch package's or the cross package's.</summary>
    private string? GccRuntimeFolder(string tuple) =>
        GccFolders
            .Select(kind => Path.Combine(root, "usr", "lib", kind, tuple))
            .Where(Directory.Exists)
            .SelectMany(Directory.EnumerateDirectories)
            .FirstOrDefault(folder => File.Exists(Path.Combine(folder, "crtbeginS.o")) && File.Exists(Path.Combine(folder, "libgcc.a")));

    /// <summary>The newest GCC runtime of this machine's own architecture (a multiarch libgcc-N-dev must be the same N), else the default.</summary>
    private string HostGccVersion() =>
        Path.Combine(root, "usr", "lib", "gcc", MultiarchTuple(host) ?? "") is var folder && Directory.Exists(folder)
            ? Directory.EnumerateDirectories(folder).Select(Path.GetFileName)
                .Where(name => int.TryParse(name, out _))
                .MaxBy(name => int.Parse(name!, System.Globalization.CultureInfo.InvariantCulture)) ?? DefaultGccVersion
            : DefaultGccVersion;

    private static string? MultiarchTuple(RuntimeTarget runtime) => runtime.Rid switch
    {
        "linux-x64" => "x86_64-linux-gnu",
        "linux-arm64" => "aarch64-linux-gnu",
        _ => null,
    };

    private static string DebianArchitecture(RuntimeTarget runtime) =>
        runtime.Architecture == Architecture.Arm64 ? "arm64" : "amd64";
}
