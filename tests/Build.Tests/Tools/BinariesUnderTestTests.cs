using Prism.Pipeline.Tools;
using Prism.TestBinaries;

namespace Prism.Pipeline.Tests.Tools;

/// <summary>
/// PRISM_TEST_BINARIES is a contract between two sides that never reference each other: the build writes it
/// (BinaryUnderTest), the suites read it (tests/Prism.TestBinaries). What one writes the other must read as meant.
/// </summary>
public sealed class BinariesUnderTestTests
{
    private static readonly string Written = BinaryUnderTest.ToVariable(
    [
        new("tr-daemon", "linux-x64", "aot", "/p/linux-x64/tr-daemon", null),
        new("prism", "win-x64", "single-file", "/p/win-x64/prism.exe",
            new EmulatorUnderTest("wine", "8.0", ["/usr/lib/wine/wine64"], new Dictionary<string, string> { ["WINEPREFIX"] = "/tmp/w/prefix", ["WINEDEBUG"] = "-all" })),
        new("tr-daemon", "linux-arm64", "aot", "/p/linux-arm64/tr-daemon",
            new EmulatorUnderTest("qemu-user", "7.2.22", ["/usr/bin/qemu-aarch64", "-L", "/usr/aarch64-linux-gnu"], new Dictionary<string, string>())),
    ]);

    [Fact]
    public void Each_binary_becomes_a_row_labelled_with_its_runtime_mode_and_emulator()
    {
        var read = PublishedSidecars.Parse(Written).ToList();

        Assert.Equal(["linux-x64 aot (native)", "win-x64 single-file (wine)", "linux-arm64 aot (qemu-user)"], read.Select(binary => binary.Label));
        Assert.Equal(["tr-daemon", "prism", "tr-daemon"], read.Select(binary => binary.Sidecar));
    }

    [Fact]
    public void An_emulated_binary_starts_behind_its_emulators_prefix_with_its_environment()
    {
        var read = PublishedSidecars.Parse(Written).ToList();

        Assert.Equal(["/p/linux-x64/tr-daemon", "--version"], read[0].Command(["--version"]));
        Assert.Equal(["/usr/bin/qemu-aarch64", "-L", "/usr/aarch64-linux-gnu", "/p/linux-arm64/tr-daemon", "--version"], read[2].Command(["--version"]));
        var wine = read[1].StartInfo(["--help"]);
        Assert.Equal("/usr/lib/wine/wine64", wine.FileName);
        Assert.Equal(["/p/win-x64/prism.exe", "--help"], wine.ArgumentList);
        Assert.Equal("/tmp/w/prefix", wine.Environment["WINEPREFIX"]);
    }

    [Fact]
    public void The_windows_binary_is_given_windows_paths_and_expected_to_write_crlf()
    {
        var (linux, windows) = (PublishedSidecars.Parse(Written).First(), PublishedSidecars.Parse(Written).ElementAt(1));

        Assert.Equal(@"Z:\tmp\data", windows.PathSeenByBinary("/tmp/data"));
        Assert.Equal("\r\n", windows.NewLine);
        Assert.Equal("/tmp/data", linux.PathSeenByBinary("/tmp/data"));
        Assert.Equal("\n", linux.NewLine);
    }

    [Fact]
    public void An_entry_without_what_a_row_needs_is_refused_naming_the_fields()
    {
        var error = Assert.Throws<InvalidOperationException>(() => PublishedSidecars.Parse("""[{"sidecar":"tr-daemon","path":"/p/tr-daemon"}]""").ToList());

        Assert.Contains("sidecar (tr-daemon or prism), runtime, mode and path", error.Message, StringComparison.Ordinal);
    }
}
