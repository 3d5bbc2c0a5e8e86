namespace Prism.Platform.Tests;

public class SidecarFileNamesTests
{
    [Theory]
    [InlineData("x86_64-pc-windows-msvc", true)]
    [InlineData("x86_64-pc-windows-gnu", true)]
    [InlineData("aarch64-pc-windows-msvc", true)]
    [InlineData("x86_64-unknown-linux-gnu", false)]
    [InlineData("aarch64-apple-darwin", false)]
    [InlineData("universal-apple-darwin", false)]
    public void Exe_suffix_exactly_when_the_triple_contains_windows(string triple, bool needsExe)
    {
        Assert.Equal(needsExe, SidecarFileNames.NeedsExeSuffix(triple));
    }

    [Theory]
    [InlineData("tr-daemon", "x86_64-pc-windows-msvc", "tr-daemon-x86_64-pc-windows-msvc.exe")]
    [InlineData("tr-daemon", "x86_64-unknown-linux-gnu", "tr-daemon-x86_64-unknown-linux-gnu")]
    [InlineData("prism", "universal-apple-darwin", "prism-universal-apple-darwin")]
    public void Staged_name_is_name_dash_triple_plus_exe_on_windows(string name, string triple, string expected)
    {
        Assert.Equal(expected, SidecarFileNames.Staged(name, triple));
    }

    [Theory]
    [InlineData("tr-daemon", "i686-pc-windows-msvc", "tr-daemon.exe")]
    [InlineData("tr-daemon", "aarch64-unknown-linux-musl", "tr-daemon")]
    [InlineData("prism", "x86_64-apple-darwin", "prism")]
    public void Bundled_name_drops_the_triple_but_keeps_exe(string name, string triple, string expected)
    {
        Assert.Equal(expected, SidecarFileNames.Bundled(name, triple));
    }
}
