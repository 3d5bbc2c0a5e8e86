using System.Runtime.InteropServices;

namespace Prism.Platform;

/// <summary>The fixed .NET runtime identifier ↔ Rust target triple table. RIDs are never parsed: a value is
/// either in this table or rejected with the list of known values.</summary>
public static class TargetTable
{
    /// <summary>The triple Tauri uses for a macOS build that runs on both Intel and Apple silicon.</summary>
    public const string UniversalAppleDarwin = "universal-apple-darwin";

    /// <summary>The runtimes whose binaries <c>lipo</c> combines into the universal macOS binary.</summary>
    public static IReadOnlyList<string> UniversalAppleDarwinRids { get; } = ["osx-x64", "osx-arm64"];

    /// <summary>Every supported runtime with its canonical triple (the one the pipeline stages under).</summary>
    public static IReadOnlyList<RuntimeTarget> Runtimes { get; } =
    [
        new("win-x64", "x86_64-pc-windows-msvc", TargetOs.Windows, Architecture.X64),
        new("win-x86", "i686-pc-windows-msvc", TargetOs.Windows, Architecture.X86),
        new("win-arm64", "aarch64-pc-windows-msvc", TargetOs.Windows, Architecture.Arm64),
        new("linux-x64", "x86_64-unknown-linux-gnu", TargetOs.Linux, Architecture.X64),
        new("linux-arm64", "aarch64-unknown-linux-gnu", TargetOs.Linux, Architecture.Arm64),
        new("linux-arm", "armv7-unknown-linux-gnueabihf", TargetOs.Linux, Architecture.Arm),
        new("linux-musl-x64", "x86_64-unknown-linux-musl", TargetOs.Linux, Architecture.X64),
        new("linux-musl-arm64", "aarch64-unknown-linux-musl", TargetOs.Linux, Architecture.Arm64),
        new("osx-x64", "x86_64-apple-darwin", TargetOs.MacOS, Architecture.X64),
        new("osx-arm64", "aarch64-apple-darwin", TargetOs.MacOS, Architecture.Arm64),
    ];

    // Other triples Tauri may report for the same runtime: a .NET win-x64 binary serves a GNU-toolchain
    // Rust build just as well, so the reverse direction is many-to-one.
    private static readonly Dictionary<string, string> AliasTriples = new(StringComparer.Ordinal)
    {
        ["x86_64-pc-windows-gnu"] = "win-x64",
        ["i686-pc-windows-gnu"] = "win-x86",
        ["aarch64-pc-windows-gnullvm"] = "win-arm64",
        ["x86_64-pc-windows-gnullvm"] = "win-x64",
    };

    private static readonly Dictionary<string, RuntimeTarget> ByRid =
        Runtimes.ToDictionary(runtime => runtime.Rid, StringComparer.Ordinal);

    private static readonly Dictionary<string, RuntimeTarget> ByTriple = Runtimes
        .Select(runtime => KeyValuePair.Create(runtime.Triple, runtime))
        .Concat(AliasTriples.Select(alias => KeyValuePair.Create(alias.Key, ByRid[alias.Value])))
        .ToDictionary(StringComparer.Ordinal);

    /// <summary>Every known RID, in table order.</summary>
    public static IReadOnlyList<string> KnownRids { get; } = [.. Runtimes.Select(runtime => runtime.Rid)];

    /// <summary>Every triple accepted as input: canonical ones, aliases, then the universal macOS triple.</summary>
    public static IReadOnlyList<string> KnownTriples { get; } =
        [.. Runtimes.Select(runtime => runtime.Triple), .. AliasTriples.Keys, UniversalAppleDarwin];

    /// <summary>The table row of a RID; throws <see cref="UnknownTargetException"/> listing the known RIDs.</summary>
    public static RuntimeTarget ForRid(string rid) =>
        ByRid.TryGetValue(rid, out var runtime) ? runtime : throw UnknownTargetException.UnknownRid(rid);

    /// <summary>The table row of a single-runtime triple (canonical or alias); rejects unknown and universal triples.</summary>
    public static RuntimeTarget ForTriple(string triple)
    {
        if (IsUniversalAppleDarwin(triple))
        {
            throw UnknownTargetException.UniversalHasNoSingleRid();
        }

        return ByTriple.TryGetValue(triple, out var runtime) ? runtime : throw UnknownTargetException.UnknownTriple(triple);
    }

    /// <summary>The canonical triple of a RID.</summary>
    public static string TripleForRid(string rid) => ForRid(rid).Triple;

    /// <summary>The RID of a single-runtime triple.</summary>
    public static string RidForTriple(string triple) => ForTriple(triple).Rid;

    /// <summary>The RIDs a triple needs published: one, or both macOS RIDs for the universal triple.</summary>
    public static IReadOnlyList<string> RidsForTriple(string triple) =>
        IsUniversalAppleDarwin(triple) ? UniversalAppleDarwinRids : [RidForTriple(triple)];

    /// <summary>The operating system of a RID (to tell whether this machine can run or AOT-compile for it).</summary>
    public static TargetOs OsOfRid(string rid) => ForRid(rid).Os;

    /// <summary>The operating system of any known triple, the universal macOS one included.</summary>
    public static TargetOs OsOfTriple(string triple) =>
        IsUniversalAppleDarwin(triple) ? TargetOs.MacOS : ForTriple(triple).Os;

    /// <summary>Whether the triple is the lipo-made universal macOS one.</summary>
    public static bool IsUniversalAppleDarwin(string triple) =>
        string.Equals(triple, UniversalAppleDarwin, StringComparison.Ordinal);
}
