using System.Runtime.InteropServices;

namespace Prism.Platform.Tests;

public class TargetTableTests
{
    public static TheoryData<string, string> Table => new()
    {
        { "win-x64", "x86_64-pc-windows-msvc" },
        { "win-x86", "i686-pc-windows-msvc" },
        { "win-arm64", "aarch64-pc-windows-msvc" },
        { "linux-x64", "x86_64-unknown-linux-gnu" },
        { "linux-arm64", "aarch64-unknown-linux-gnu" },
        { "linux-arm", "armv7-unknown-linux-gnueabihf" },
        { "linux-musl-x64", "x86_64-unknown-linux-musl" },
        { "linux-musl-arm64", "aarch64-unknown-linux-musl" },
        { "osx-x64", "x86_64-apple-darwin" },
        { "osx-arm64", "aarch64-apple-darwin" },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Rid_maps_to_its_triple(string rid, string triple)
    {
        Assert.Equal(triple, TargetTable.TripleForRid(rid));
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void Triple_maps_back_to_its_rid(string rid, string triple)
    {
        Assert.Equal(rid, TargetTable.RidForTriple(triple));
    }

    [Fact]
    public void Table_has_exactly_the_documented_runtimes()
    {
        Assert.Equal(Table.Select(row => row.Data.Item1), TargetTable.KnownRids);
    }

    [Theory]
    [InlineData("x86_64-pc-windows-gnu", "win-x64")]
    [InlineData("i686-pc-windows-gnu", "win-x86")]
    [InlineData("x86_64-pc-windows-gnullvm", "win-x64")]
    [InlineData("aarch64-pc-windows-gnullvm", "win-arm64")]
    public void Alias_triples_map_to_the_same_rid(string alias, string rid)
    {
        Assert.Equal(rid, TargetTable.RidForTriple(alias));
    }

    [Fact]
    public void Universal_apple_darwin_needs_both_macos_runtimes()
    {
        Assert.Equal(["osx-x64", "osx-arm64"], TargetTable.RidsForTriple("universal-apple-darwin"));
    }

    [Fact]
    public void Single_runtime_triple_needs_one_runtime()
    {
        Assert.Equal(["linux-arm64"], TargetTable.RidsForTriple("aarch64-unknown-linux-gnu"));
    }

    [Fact]
    public void Universal_apple_darwin_has_no_single_rid_and_says_why()
    {
        var error = Assert.Throws<UnknownTargetException>(() => TargetTable.RidForTriple("universal-apple-darwin"));

        Assert.Contains("made with lipo from osx-x64 + osx-arm64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_rid_lists_every_known_rid()
    {
        var error = Assert.Throws<UnknownTargetException>(() => TargetTable.TripleForRid("linux-riscv64"));

        Assert.StartsWith("Unknown runtime identifier 'linux-riscv64'. Known RIDs: win-x64, win-x86, win-arm64, "
            + "linux-x64, linux-arm64, linux-arm, linux-musl-x64, linux-musl-arm64, osx-x64, osx-arm64.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_triple_lists_every_known_triple()
    {
        var error = Assert.Throws<UnknownTargetException>(() => TargetTable.RidForTriple("riscv64gc-unknown-linux-gnu"));

        Assert.Contains("Unknown target triple 'riscv64gc-unknown-linux-gnu'.", error.Message, StringComparison.Ordinal);
        Assert.All(TargetTable.Runtimes, runtime => Assert.Contains(runtime.Triple, error.Message, StringComparison.Ordinal));
        Assert.Contains("x86_64-pc-windows-gnu", error.Message, StringComparison.Ordinal);
        Assert.Contains("universal-apple-darwin", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rid_lookup_is_exact_not_case_insensitive()
    {
        Assert.Throws<UnknownTargetException>(() => TargetTable.TripleForRid("Linux-X64"));
    }

    [Theory]
    [InlineData("win-arm64", TargetOs.Windows)]
    [InlineData("linux-musl-x64", TargetOs.Linux)]
    [InlineData("osx-arm64", TargetOs.MacOS)]
    public void Os_of_rid_is_the_table_os(string rid, TargetOs os)
    {
        Assert.Equal(os, TargetTable.OsOfRid(rid));
    }

    [Theory]
    [InlineData("universal-apple-darwin", TargetOs.MacOS)]
    [InlineData("x86_64-pc-windows-gnu", TargetOs.Windows)]
    [InlineData("armv7-unknown-linux-gnueabihf", TargetOs.Linux)]
    public void Os_of_triple_covers_aliases_and_universal(string triple, TargetOs os)
    {
        Assert.Equal(os, TargetTable.OsOfTriple(triple));
    }

    [Theory]
    [InlineData("linux-arm", Architecture.Arm)]
    [InlineData("win-x86", Architecture.X86)]
    [InlineData("osx-arm64", Architecture.Arm64)]
    public void Architecture_of_rid_is_the_table_architecture(string rid, Architecture architecture)
    {
        Assert.Equal(architecture, TargetTable.ForRid(rid).Architecture);
    }
}
