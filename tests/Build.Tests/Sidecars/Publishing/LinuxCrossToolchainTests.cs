using Prism.Pipeline.Engine;
using Prism.Pipeline.Sidecars;
using Prism.Pipeline.Sidecars.Publishing;
using Prism.Platform;

namespace Prism.Pipeline.Tests.Sidecars.Publishing;

/// <summary>
/// Native AOT for linux-arm64 on an x64 Linux machine: <c>auto</c> picks it exactly when clang, lld and the arm64
/// C runtime are found (here in a fake root laid out like Debian's multiarch folders), and otherwise says what is
/// missing and the apt command that installs it.
/// </summary>
public sealed class LinuxCrossToolchainTests : IDisposable
{
    private static readonly RuntimeTarget LinuxX64 = TargetTable.ForRid("linux-x64");
    private static readonly RuntimeTarget LinuxArm64 = TargetTable.ForRid("linux-arm64");
    private readonly TemporaryFolder root = new();
    private readonly HashSet<string> programs = ["clang", "ld.lld"];

    public LinuxCrossToolchainTests()
    {
        Directory.CreateDirectory(Path.Combine(root.Path, "src", "Daemon"));
        root.Write("src/Daemon/Daemon.csproj", "<Project />");
        Touch("usr/lib/gcc/x86_64-linux-gnu/12/crtbeginS.o");
        Touch("usr/lib/aarch64-linux-gnu/crt1.o", "usr/lib/aarch64-linux-gnu/crti.o", "usr/lib/aarch64-linux-gnu/libc.so");
        Touch("usr/lib/gcc/aarch64-linux-gnu/12/crtbeginS.o", "usr/lib/gcc/aarch64-linux-gnu/12/libgcc.a");
    }

    public void Dispose() => root.Dispose();

    private AotToolchain Toolchain =>
        new(LinuxX64, linkerAvailable: programs.Contains("clang"),
            new LinuxCrossToolchain(LinuxX64, root.Path, name => programs.Contains(name) ? "/usr/bin/" + name : null));

    private IReadOnlyList<PublishRequest> Plan(PublishModeChoice choice, params string[] rids) =>
        PublishPlanner.Plan([new Sidecar("tr-daemon", "src/Daemon/Daemon.csproj", SidecarKind.Daemon)], rids.Select(TargetTable.ForRid), choice,
            Toolchain, new AbsolutePath(root.Path), new AbsolutePath(root.Path) / "out");

    [Fact]
    public void Auto_compiles_linux_arm64_as_native_aot_linked_by_lld_when_the_cross_toolchain_is_installed()
    {
        var plan = Plan(PublishModeChoice.Auto, "linux-x64", "linux-arm64", "linux-musl-x64");

        Assert.Equal(["aot", "aot", "single-file"], plan.Select(request => request.ModeName));
        Assert.Equal(["-p:LinkerFlavor=lld"], plan[1].ToolchainProperties);
        Assert.Empty(plan[0].ToolchainProperties);
        Assert.False(Toolchain.CouldCompileAfterInstalling(LinuxArm64));
    }

    [Fact]
    public void The_c_runtime_of_debians_cross_packages_counts_too()
    {
        Directory.Delete(Path.Combine(root.Path, "usr/lib/gcc/aarch64-linux-gnu"), recursive: true);
        Directory.Delete(Path.Combine(root.Path, "usr/lib/aarch64-linux-gnu"), recursive: true);
        Touch("usr/lib/gcc-cross/aarch64-linux-gnu/12/crtbeginS.o", "usr/lib/gcc-cross/aarch64-linux-gnu/12/libgcc.a");
        Touch("usr/aarch64-linux-gnu/lib/crt1.o", "usr/aarch64-linux-gnu/lib/crti.o", "usr/aarch64-linux-gnu/lib/libc.so");

        Assert.Equal(PublishMode.NativeAot, Assert.Single(Plan(PublishModeChoice.Auto, "linux-arm64")).Mode);
    }

    [Theory]
    [InlineData("usr/lib/aarch64-linux-gnu/crt1.o", "crt1.o (package libc6-dev:arm64)")]
    [InlineData("usr/lib/aarch64-linux-gnu/libc.so", "libc.so (package libc6-dev:arm64)")]
    [InlineData("usr/lib/gcc/aarch64-linux-gnu/12/libgcc.a", "crtbeginS.o and libgcc.a (package libgcc-12-dev:arm64)")]
    public void Auto_falls_back_to_single_file_without_the_arm64_c_runtime_and_names_its_package(string removed, string named)
    {
        File.Delete(Path.Combine(root.Path, removed));

        Assert.Equal(PublishMode.SingleFile, Assert.Single(Plan(PublishModeChoice.Auto, "linux-arm64")).Mode);
        Assert.True(Toolchain.CouldCompileAfterInstalling(LinuxArm64));
        Assert.Contains(named, Toolchain.WhyNot(LinuxArm64), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ld.lld", "ld.lld (package lld)")]
    [InlineData("clang", "clang (package clang)")]
    public void A_missing_program_is_named_with_its_package(string program, string named)
    {
        programs.Remove(program);

        Assert.Equal(PublishMode.SingleFile, Assert.Single(Plan(PublishModeChoice.Auto, "linux-arm64")).Mode);
        Assert.Contains(named, Toolchain.WhyNot(LinuxArm64), StringComparison.Ordinal);
    }

    [Fact]
    public void Aot_without_the_toolchain_fails_with_the_apt_command_that_installs_it()
    {
        File.Delete(Path.Combine(root.Path, "usr/lib/aarch64-linux-gnu/crti.o"));

        var error = Assert.Throws<BuildException>(() => Plan(PublishModeChoice.Aot, "linux-arm64"));

        Assert.StartsWith("Native AOT for linux-arm64 on this linux-x64 machine cross-compiles with clang, lld and the arm64 C runtime, " +
                          "and this machine lacks: " + Path.Combine(root.Path, "usr/lib/aarch64-linux-gnu/crti.o") + " (package libc6-dev:arm64).", error.Message, StringComparison.Ordinal);
        Assert.Contains("`sudo dpkg --add-architecture arm64 && sudo apt-get update && sudo apt-get install clang lld libc6-dev:arm64 libgcc-12-dev:arm64`",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_libgcc_package_suggested_matches_this_machines_gcc()
    {
        Directory.Delete(Path.Combine(root.Path, "usr/lib/gcc/aarch64-linux-gnu"), recursive: true);
        Touch("usr/lib/gcc/x86_64-linux-gnu/13/crtbeginS.o");

        Assert.Contains("apt-get install clang lld libc6-dev:arm64 libgcc-13-dev:arm64", Toolchain.WhyNot(LinuxArm64), StringComparison.Ordinal);
    }

    [Fact]
    public void Musl_and_other_operating_systems_are_not_cross_compiled_and_need_no_install_hint()
    {
        foreach (var rid in new[] { "linux-musl-x64", "win-x64", "osx-arm64" })
        {
            Assert.False(Toolchain.CanCompile(TargetTable.ForRid(rid)), rid);
            Assert.False(Toolchain.CouldCompileAfterInstalling(TargetTable.ForRid(rid)), rid);
        }
    }

    private void Touch(params string[] files)
    {
        foreach (var file in files)
        {
            var path = Path.Combine(root.Path, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, []);
        }
    }
}
