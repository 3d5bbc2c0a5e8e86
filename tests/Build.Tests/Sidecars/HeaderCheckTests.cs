using Prism.Pipeline.Sidecars;

namespace Prism.Pipeline.Tests.Sidecars;

public class HeaderCheckTests
{
    public static TheoryData<string, string> MatchingBinaries => new()
    {
        { "x86_64-unknown-linux-gnu", "elf-x64" },
        { "x86_64-unknown-linux-musl", "elf-x64" },
        { "aarch64-unknown-linux-gnu", "elf-arm64" },
        { "armv7-unknown-linux-gnueabihf", "elf-arm" },
        { "x86_64-apple-darwin", "macho-x64" },
        { "aarch64-apple-darwin", "macho-arm64" },
        { "universal-apple-darwin", "fat-x64-arm64" },
        { "x86_64-pc-windows-msvc", "pe-amd64" },
        { "i686-pc-windows-msvc", "pe-i386" },
        { "aarch64-pc-windows-msvc", "pe-arm64" },
    };

    [Theory]
    [MemberData(nameof(MatchingBinaries))]
    public void Binary_built_for_the_triple_passes(string triple, string binary)
    {
        using var folder = new TemporaryFolder();
        var path = CraftedBinaries.WriteExecutable(folder, "sidecar", Craft(binary));

        var result = BinaryInspector.Inspect(path, triple);

        Assert.Empty(result.Failures);
        Assert.True(result.Passed);
    }

    [Theory]
    [InlineData("aarch64-unknown-linux-gnu", "elf-x64", "header is ELF X64, but aarch64-unknown-linux-gnu needs ELF Arm64. Stage the linux-arm64 publish under this name.")]
    [InlineData("x86_64-unknown-linux-gnu", "elf-386", "header is ELF X86, but x86_64-unknown-linux-gnu needs ELF X64. Stage the linux-x64 publish under this name.")]
    [InlineData("x86_64-apple-darwin", "macho-arm64", "header is Mach-O Arm64, but x86_64-apple-darwin needs Mach-O X64. Stage the osx-x64 publish under this name.")]
    [InlineData("x86_64-pc-windows-msvc", "elf-x64", "header is ELF X64, but x86_64-pc-windows-msvc needs PE X64. Stage the win-x64 publish under this name.")]
    [InlineData("i686-pc-windows-msvc", "pe-amd64", "header is PE X64, but i686-pc-windows-msvc needs PE X86. Stage the win-x86 publish under this name.")]
    [InlineData("universal-apple-darwin", "macho-arm64", "header is Mach-O Arm64, but universal-apple-darwin needs universal Mach-O X64+Arm64. Make it with `lipo -create` from the osx-x64 and osx-arm64 publishes.")]
    [InlineData("universal-apple-darwin", "fat-arm64", "header is universal Mach-O Arm64, but universal-apple-darwin needs universal Mach-O X64+Arm64. Make it with `lipo -create` from the osx-x64 and osx-arm64 publishes.")]
    public void Binary_for_another_platform_fails_saying_what_it_is_and_what_to_stage(string triple, string binary, string expected)
    {
        using var folder = new TemporaryFolder();
        var path = CraftedBinaries.WriteExecutable(folder, "sidecar", Craft(binary));

        var failure = Assert.Single(BinaryInspector.Inspect(path, triple).Failures);

        Assert.Equal("header", failure.Check);
        Assert.Equal($"{path}: {expected}", failure.Message);
    }

    [Theory]
    [InlineData("elf-x64", 20)]
    [InlineData("pe-amd64", 0x30)]
    [InlineData("fat-x64-arm64", 30)]
    public void Truncated_binary_is_reported_as_not_a_valid_binary(string binary, int keptBytes)
    {
        using var folder = new TemporaryFolder();
        var path = CraftedBinaries.WriteExecutable(folder, "sidecar", Craft(binary)[..keptBytes]);

        var failure = Assert.Single(BinaryInspector.Inspect(path, "x86_64-unknown-linux-gnu").Failures);

        Assert.Contains("header is not a valid PE, ELF or Mach-O binary (a text file, or truncated/corrupt)", failure.Message, StringComparison.Ordinal);
    }

    private static byte[] Craft(string binary) => binary switch
    {
        "elf-x64" => CraftedBinaries.Elf(CraftedBinaries.ElfX64, is64: true),
        "elf-arm64" => CraftedBinaries.Elf(CraftedBinaries.ElfArm64, is64: true),
        "elf-arm" => CraftedBinaries.Elf(CraftedBinaries.ElfArm, is64: false),
        "elf-386" => CraftedBinaries.Elf(CraftedBinaries.Elf386, is64: false),
        "macho-x64" => CraftedBinaries.MachO(CraftedBinaries.MachOX64),
        "macho-arm64" => CraftedBinaries.MachO(CraftedBinaries.MachOArm64),
        "fat-x64-arm64" => CraftedBinaries.Fat(CraftedBinaries.MachOX64, CraftedBinaries.MachOArm64),
        "fat-arm64" => CraftedBinaries.Fat(CraftedBinaries.MachOArm64),
        "pe-amd64" => CraftedBinaries.Pe(CraftedBinaries.PeAmd64),
        "pe-i386" => CraftedBinaries.Pe(CraftedBinaries.PeI386),
        "pe-arm64" => CraftedBinaries.Pe(CraftedBinaries.PeArm64),
        _ => throw new ArgumentOutOfRangeException(nameof(binary), binary, "no such crafted binary"),
    };
}
