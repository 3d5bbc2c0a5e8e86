using System.Runtime.InteropServices;

namespace Prism.Platform.Tests;

public class CurrentRuntimeTests
{
    [Fact]
    public void Current_runtime_matches_the_process_os_and_architecture()
    {
        var current = CurrentRuntime.Target;

        Assert.Equal(OsReportedArchitecture.OfThisProcess, current.Architecture);
        Assert.Equal(OperatingSystem.IsWindows(), current.Os == TargetOs.Windows);
        Assert.Equal(OperatingSystem.IsMacOS(), current.Os == TargetOs.MacOS);
        Assert.Equal(OperatingSystem.IsLinux(), current.Os == TargetOs.Linux);
    }

    [Fact]
    public void Current_triple_is_the_table_triple_of_the_current_rid()
    {
        Assert.Equal(TargetTable.TripleForRid(CurrentRuntime.Rid), CurrentRuntime.Triple);
    }

    [Fact]
    public void Current_rid_agrees_with_the_rid_dotnet_reports_for_a_portable_runtime()
    {
        // The SDK's runtime reports its portable RID (linux-x64, linux-musl-arm64, osx-arm64, win-x64 ...).
        Assert.Equal(RuntimeInformation.RuntimeIdentifier, CurrentRuntime.Rid);
    }

    [Theory]
    [InlineData(TargetOs.Linux, Architecture.Arm64, false, "aarch64-unknown-linux-gnu")]
    [InlineData(TargetOs.Linux, Architecture.X64, true, "x86_64-unknown-linux-musl")]
    [InlineData(TargetOs.Linux, Architecture.Arm, false, "armv7-unknown-linux-gnueabihf")]
    [InlineData(TargetOs.MacOS, Architecture.Arm64, false, "aarch64-apple-darwin")]
    [InlineData(TargetOs.Windows, Architecture.X86, false, "i686-pc-windows-msvc")]
    public void Compose_finds_the_row_for_os_architecture_and_libc(TargetOs os, Architecture architecture, bool isMusl, string triple)
    {
        Assert.Equal(triple, CurrentRuntime.Compose(os, architecture, isMusl).Triple);
    }

    [Fact]
    public void Compose_rejects_a_machine_the_table_does_not_know()
    {
        var error = Assert.Throws<UnknownTargetException>(() => CurrentRuntime.Compose(TargetOs.Linux, Architecture.RiscV64, false));

        Assert.StartsWith("This process runs on Linux RiscV64, which has no entry in the RID/triple table. Supported RIDs: win-x64,", error.Message, StringComparison.Ordinal);
    }
}
