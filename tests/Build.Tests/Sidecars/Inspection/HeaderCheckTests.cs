using Prism.Pipeline.Sidecars.Inspection;

namespace Prism.Pipeline.Tests.Sidecars.Inspection;

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

/// <summary>macOS kills an arm64 Mach-O without a code signature at launch: Verify fails it, slice by slice.</summary>
public class CodeSignatureCheckTests
{
    public static TheoryData<string, byte[]> UnsignedArm64 => new()
    {
        { "aarch64-apple-darwin", CraftedBinaries.MachO(CraftedBinaries.MachOArm64, signed: false) },
        { "universal-apple-darwin", CraftedBinaries.Fat((CraftedBinaries.MachOX64, true), (CraftedBinaries.MachOArm64, false)) },
        { "universal-apple-darwin", CraftedBinaries.Fat((CraftedBinaries.MachOArm64, false), (CraftedBinaries.MachOX64, false)) },
    };

    public static TheoryData<string, byte[]> Launchable => new()
    {
        { "aarch64-apple-darwin", CraftedBinaries.MachO(CraftedBinaries.MachOArm64, signed: true) },
        { "x86_64-apple-darwin", CraftedBinaries.MachO(CraftedBinaries.MachOX64, signed: false) },
        { "universal-apple-darwin", CraftedBinaries.Fat((CraftedBinaries.MachOX64, false), (CraftedBinaries.MachOArm64, true)) },
    };

    [Theory]
    [MemberData(nameof(UnsignedArm64))]
    public void An_arm64_slice_without_a_code_signature_fails(string triple, byte[] binary)
    {
        using var folder = new TemporaryFolder();
        var path = CraftedBinaries.WriteExecutable(folder, "sidecar", binary);

        var failure = Assert.Single(BinaryInspector.Inspect(path, triple).Failures);

        Assert.Equal("code-signature", failure.Check);
        Assert.StartsWith($"{path}: the arm64 {(triple == "universal-apple-darwin" ? "slice of this universal binary" : "binary")} has no code signature " +
                          "(LC_CODE_SIGNATURE), and macOS kills an unsigned arm64 executable at launch.", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Launchable))]
    public void A_signed_arm64_slice_or_an_unsigned_intel_one_passes(string triple, byte[] binary)
    {
        using var folder = new TemporaryFolder();
        var path = CraftedBinaries.WriteExecutable(folder, "sidecar", binary);

        Assert.Empty(BinaryInspector.Inspect(path, triple).Failures);
    }

    [Fact]
    public void A_load_command_list_that_runs_past_the_header_is_reported_as_corrupt()
    {
        using var folder = new TemporaryFolder();
        var binary = CraftedBinaries.MachO(CraftedBinaries.MachOArm64, signed: false);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(binary.AsSpan(16), 5);
        var path = CraftedBinaries.WriteExecutable(folder, "sidecar", binary);

        var failure = Assert.Single(BinaryInspector.Inspect(path, "aarch64-apple-darwin").Failures);

        Assert.Equal("header", failure.Check);
    }
}
