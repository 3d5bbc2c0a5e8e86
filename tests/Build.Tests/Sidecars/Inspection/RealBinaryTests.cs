using Prism.Pipeline.Sidecars.Inspection;
using Prism.Platform;

namespace Prism.Pipeline.Tests.Sidecars.Inspection;

public class RealBinaryTests
{
    [Fact]
    public void Running_dotnet_host_matches_this_machines_triple()
    {
        var result = BinaryInspector.Inspect(Path.GetFullPath(DotnetHost.Path), CurrentRuntime.Triple);

        Assert.Empty(result.Failures);
    }

    [Fact]
    public void Running_dotnet_host_does_not_match_another_architecture()
    {
        var other = CurrentRuntime.Target.Architecture == System.Runtime.InteropServices.Architecture.Arm64 ? "x86_64" : "aarch64";
        var triple = TargetTable.Runtimes.First(runtime => runtime.Os == CurrentRuntime.Target.Os && runtime.Triple.StartsWith(other, StringComparison.Ordinal)).Triple;

        var failure = Assert.Single(BinaryInspector.Inspect(Path.GetFullPath(DotnetHost.Path), triple).Failures);

        Assert.Equal("header", failure.Check);
    }
}
