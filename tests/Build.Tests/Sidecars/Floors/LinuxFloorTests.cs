using Prism.Pipeline.Sidecars.Inspection;

namespace Prism.Pipeline.Tests.Sidecars.Floors;

/// <summary>
/// The Linux floor on real ELF programs linked here (Debian 12, glibc 2.36): one calling arc4random, which glibc
/// added in 2.36, so it truly needs GLIBC_2.36 and would not start on Ubuntu 22.04; one linked with -lz; a C++ one.
/// </summary>
public sealed class LinuxFloorTests : IDisposable
{
    private static readonly LinuxFloor Default = new(Version.Parse(LinuxFloor.DefaultGlibc), Version.Parse(LinuxFloor.DefaultGlibcxx));

    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void A_program_needing_glibc_2_36_fails_the_default_floor_naming_the_symbol_and_both_fixes()
    {
        var path = ToolchainBinaries.Elf(folder, "random", "#include <stdlib.h>\nint main(void) { return (int)(arc4random() & 1); }\n");

        var check = Default.Check("random", ElfDependencyReader.Read(path));

        var problem = Assert.Single(check.Problems);
        Assert.StartsWith("random needs GLIBC_2.36 of libc.so.6 (arc4random@GLIBC_2.36), above the glibc floor 2.35", problem, StringComparison.Ordinal);
        Assert.Contains("\"version `GLIBC_2.36' not found\"", problem, StringComparison.Ordinal);
        Assert.Contains("runs-on: ubuntu-22.04", problem, StringComparison.Ordinal);
        Assert.Contains("`--glibc-floor 2.36`", problem, StringComparison.Ordinal);
        Assert.StartsWith("glibc 2.36 (floor 2.35); needs libc.so.6", check.Figure, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_program_passes_once_the_newer_floor_is_declared()
    {
        var path = ToolchainBinaries.Elf(folder, "random", "#include <stdlib.h>\nint main(void) { return (int)(arc4random() & 1); }\n");

        var check = (Default with { Glibc = new Version(2, 36) }).Check("random", ElfDependencyReader.Read(path));

        Assert.Empty(check.Problems);
    }

    [Fact]
    public void A_program_needing_a_library_outside_the_c_runtime_fails_naming_it()
    {
        var path = ToolchainBinaries.Elf(folder, "zipped", "#include <zlib.h>\nint main(void) { return zlibVersion()[0] == '1'; }\n", "-lz");

        var check = Default.Check("zipped", ElfDependencyReader.Read(path));

        var problem = Assert.Single(check.Problems);
        Assert.StartsWith("zipped needs libz.so.1 (DT_NEEDED), which is not part of the C runtime every Linux desktop has", problem, StringComparison.Ordinal);
        Assert.Contains("\"error while loading shared libraries: libz.so.1\"", problem, StringComparison.Ordinal);
        Assert.Contains("libz.so.1", check.Figure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cxx_program_reports_its_glibcxx_version_and_fails_a_floor_below_it()
    {
        var path = ToolchainBinaries.CxxElf(folder, "streams", "#include <iostream>\n#include <string>\nint main() { std::string s = \"x\"; std::cout << s << std::endl; }\n");
        var dependencies = ElfDependencyReader.Read(path);
        var newest = dependencies.Newest("GLIBCXX_")!.Number("GLIBCXX_")!;

        var within = Default.Check("streams", dependencies);
        var below = (Default with { Glibcxx = new Version(3, 4) }).Check("streams", dependencies);

        Assert.Empty(within.Problems);
        Assert.Contains($"GLIBCXX {newest}", within.Figure, StringComparison.Ordinal);
        Assert.Contains("libstdc++.so.6", within.Figure, StringComparison.Ordinal);
        Assert.Contains(below.Problems, problem => problem.StartsWith($"streams needs GLIBCXX_{newest} of libstdc++.so.6", StringComparison.Ordinal) &&
                                                   problem.Contains($"`--glibcxx-floor {newest}`", StringComparison.Ordinal));
    }
}
