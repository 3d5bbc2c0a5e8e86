using System.Runtime.InteropServices;
using Prism.Pipeline.Engine;
using Prism.Pipeline.Tools;
using Prism.Platform;

namespace Prism.Pipeline.Sidecars.Staging;

/// <summary>
/// Tauri's <c>universal-apple-darwin</c> target needs a fat binary beside the two slices; <c>lipo</c> (macOS) or
/// <c>llvm-lipo</c> (LLVM, on any OS) makes it from the osx-x64 and osx-arm64 builds.
/// </summary>
internal static class UniversalBinary
{
    /// <summary>The slices of the universal binary, by architecture (from the target table).</summary>
    private static readonly RuntimeTarget Intel = Slice(Architecture.X64), AppleSilicon = Slice(Architecture.Arm64);

    /// <summary><c>lipo</c>, <c>llvm-lipo</c> or a versioned <c>llvm-lipo-NN</c> from PATH; null when none is installed.</summary>
    public static string? FindLipo() =>
        ExecutableSearch.Find("lipo") ?? ExecutableSearch.Find("llvm-lipo") ?? ExecutableSearch.FindVersioned("llvm-lipo");

    /// <summary>The sidecars whose two macOS slices are both among <paramref name="staged"/>.</summary>
    public static IEnumerable<(StagedBinary Intel, StagedBinary AppleSilicon)> Pairs(IEnumerable<StagedBinary> staged)
    {
        var list = staged.ToList();
        return list.Where(binary => binary.Runtime == Intel)
            .Select(intel => (intel, arm: list.FirstOrDefault(other => other.Sidecar == intel.Sidecar && other.Runtime == AppleSilicon)))
            .Where(pair => pair.arm is not null)
            .Select(pair => (pair.intel, pair.arm!));
    }

    /// <summary>Runs lipo into a temporary folder, then writes its output into place atomically, so a failure leaves no partial binary.</summary>
    public static async Task<StagedBinary> CreateAsync(ToolRunner toolRunner, string lipo, Sidecar sidecar,
        (StagedBinary Intel, StagedBinary AppleSilicon) slices, AbsolutePath binariesDirectory, AbsolutePath recordsDirectory)
    {
        var destination = binariesDirectory / SidecarFileNames.Staged(sidecar.Name, TargetTable.UniversalAppleDarwin);
        var workspace = Directory.CreateTempSubdirectory("prism-lipo-");
        try
        {
            var output = Path.Combine(workspace.FullName, destination.Name);
            await toolRunner.RunAsync(lipo, ["-create", "-output", output, binariesDirectory / slices.Intel.FileName,
                binariesDirectory / slices.AppleSilicon.FileName], binariesDirectory);
            new AtomicFile().WriteAllBytes(destination, File.ReadAllBytes(output), FileModes.Executable);
        }
        finally
        {
            workspace.Delete(recursive: true);
        }

        var staged = StagedBinary.DescribeUniversal(sidecar, StagedModeNames.Of(slices.Intel.Mode, slices.AppleSilicon.Mode), destination);
        staged.Save(recordsDirectory);
        return staged;
    }

    private static RuntimeTarget Slice(Architecture architecture) =>
        TargetTable.UniversalAppleDarwinRids.Select(TargetTable.ForRid).Single(runtime => runtime.Architecture == architecture);
}
