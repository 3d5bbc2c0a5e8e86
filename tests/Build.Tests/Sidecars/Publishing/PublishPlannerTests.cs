using Prism.Pipeline.Engine;
using Prism.Pipeline.Sidecars;
using Prism.Pipeline.Sidecars.Publishing;
using Prism.Platform;

namespace Prism.Pipeline.Tests.Sidecars.Publishing;

public sealed class PublishPlannerTests : IDisposable
{
    private readonly TemporaryFolder folder = new();
    private readonly Sidecar daemon = new("tr-daemon", "src/Daemon/Daemon.csproj", SidecarKind.Daemon);
    private static readonly RuntimeTarget LinuxX64 = TargetTable.ForRid("linux-x64");
    private static readonly AotToolchain LinuxMachine = new(LinuxX64, linkerAvailable: true);

    public PublishPlannerTests()
    {
        Directory.CreateDirectory(Path.Combine(folder.Path, "src", "Daemon"));
        folder.Write("src/Daemon/Daemon.csproj", "<Project />");
    }

    public void Dispose() => folder.Dispose();

    private IReadOnlyList<PublishRequest> Plan(PublishModeChoice choice, AotToolchain toolchain, params string[] rids) =>
        PublishPlanner.Plan([daemon], rids.Select(TargetTable.ForRid), choice, toolchain, new AbsolutePath(folder.Path), new AbsolutePath(folder.Path) / "out");

    [Fact]
    public void Auto_uses_native_aot_for_this_machines_runtime_and_single_file_for_others()
    {
        var plan = Plan(PublishModeChoice.Auto, LinuxMachine, "linux-x64", "linux-arm64", "linux-musl-x64", "win-x64", "osx-arm64");

        Assert.Equal(["aot", "single-file", "single-file", "single-file", "single-file"], plan.Select(request => request.ModeName));
    }

    [Fact]
    public void Auto_uses_native_aot_for_both_mac_architectures_on_a_mac()
    {
        var mac = new AotToolchain(TargetTable.ForRid("osx-arm64"), linkerAvailable: true);

        var plan = Plan(PublishModeChoice.Auto, mac, "osx-x64", "osx-arm64");

        Assert.All(plan, request => Assert.Equal(PublishMode.NativeAot, request.Mode));
    }

    [Fact]
    public void Auto_falls_back_to_single_file_without_a_native_linker()
    {
        var plan = Plan(PublishModeChoice.Auto, new AotToolchain(LinuxX64, linkerAvailable: false), "linux-x64");

        Assert.Equal(PublishMode.SingleFile, Assert.Single(plan).Mode);
    }

    [Fact]
    public void Aot_for_another_os_fails_saying_what_to_do_instead()
    {
        var error = Assert.Throws<BuildException>(() => Plan(PublishModeChoice.Aot, LinuxMachine, "win-x64"));

        Assert.Contains("Native AOT cannot compile win-x64 on this linux-x64 machine", error.Message, StringComparison.Ordinal);
        Assert.Contains("--publish-mode auto or single-file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_sidecar_and_runtime_gets_its_own_output_folder_and_executable_name()
    {
        var plan = Plan(PublishModeChoice.SingleFile, LinuxMachine, "linux-x64", "win-x86");

        Assert.Equal(Path.Combine(folder.Path, "out", "tr-daemon", "linux-x64", "tr-daemon"), plan[0].Executable.Value);
        Assert.Equal(Path.Combine(folder.Path, "out", "tr-daemon", "win-x86", "tr-daemon.exe"), plan[1].Executable.Value);
    }

    [Fact]
    public void A_declared_sidecar_without_a_project_fails_clearly_instead_of_being_skipped()
    {
        var host = new Sidecar("prism", "src/Host/Host.csproj", SidecarKind.Host);

        var error = Assert.Throws<BuildException>(() =>
            PublishPlanner.Plan([daemon, host], [LinuxX64], PublishModeChoice.Auto, LinuxMachine, new AbsolutePath(folder.Path), new AbsolutePath(folder.Path)));

        Assert.Equal("Sidecar 'prism' is declared in build/Build.Sidecars.cs but its project src/Host/Host.csproj does not exist. " +
                     "Create the project, or remove the sidecar's line.", error.Message);
    }

    [Fact]
    public void The_host_toolchain_describes_this_machine()
    {
        Assert.Equal(OsReportedArchitecture.OfThisProcess, AotToolchain.Detect().Host.Architecture);
    }
}
