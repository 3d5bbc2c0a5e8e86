using Prism.Pipeline.Sidecars.Inspection;

namespace Prism.Pipeline.Tests.Sidecars.Floors;

/// <summary>The Windows check on PE programs lld-link made: subsystem and imports reported, a DLL Windows lacks refused.</summary>
public sealed class WindowsFloorTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void A_program_importing_system_dlls_passes_and_reports_its_subsystem_and_imports()
    {
        var path = ToolchainBinaries.Pe(folder, "sidecar", new Dictionary<string, string>
        {
            ["KERNEL32.dll"] = "ExitProcess", ["api-ms-win-crt-runtime-l1-1-0.dll"] = "_set_app_type", ["api-ms-win-crt-heap-l1-1-0.dll"] = "_callnewh",
        });

        var check = WindowsFloor.Check("sidecar.exe", PeImports.Read(path));

        Assert.Empty(check.Problems);
        Assert.Equal("console subsystem; imports KERNEL32.dll api-ms-win-crt-* (2)", check.Figure);
    }

    [Fact]
    public void A_program_importing_the_visual_cxx_runtime_fails_naming_it()
    {
        var path = ToolchainBinaries.Pe(folder, "sidecar", new Dictionary<string, string> { ["KERNEL32.dll"] = "ExitProcess", ["VCRUNTIME140.dll"] = "__C_specific_handler" }, gui: true);

        var check = WindowsFloor.Check("sidecar.exe", PeImports.Read(path));

        var problem = Assert.Single(check.Problems);
        Assert.StartsWith("sidecar.exe imports VCRUNTIME140.dll, which is not part of Windows", problem, StringComparison.Ordinal);
        Assert.Equal("GUI subsystem; imports KERNEL32.dll VCRUNTIME140.dll", check.Figure);
    }
}
