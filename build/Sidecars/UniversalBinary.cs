using Prism.Pipeline.Engine;
using Prism.Pipeline.Tools;
using Prism.Platform;

namespace Prism.Pipeline.Sidecars;

/// <summary>
/// Tauri's <c>universal-apple-darwin</c> target needs a fat binary beside the two slices; <c>lipo</c> (macOS) or
/// <c>llvm-lipo</c> (LLVM, on any OS) makes it from the osx-x64 and osx-arm64 builds.
/// </summary>
internal static class UniversalBinary
{
    /// <summary><c>lipo</c>, <c>llvm-lipo</c> or a versioned <c>llvm-lipo-NN</c> from PATH; null when none is installed.</summary>
    public static string? FindLipo() =>
        ExecutableSearch.Find("lipo") ?? ExecutableSearch.Find("llvm-lipo") ?? ExecutableSearch.FindVersioned("llvm-lipo");

    /// <summary>The sidecars whose two macOS slices were both staged in this run.</summary>
    public static IEnumerable<(StagedBinary Intel, StagedBinary AppleSilicon)> Pairs(IEnumerable<StagedBinary> staged)
    {
        var list = staged.ToList();
        return list.Where(binary => binary.Rid == "osx-x64")
            .Select(intel => (intel, arm: list.FirstOrDefault(other => other.Sidecar == intel.Sidecar && other.Rid == "osx-arm64")))
            .Where(pair => pair.arm is not null)
            .Select(pair => (pair.intel, pair.arm!));
    }

    /// <summary>Runs lipo into a temporary file and renames it into place, so a failure leaves no partial binary.</summary>
    public static async Task<StagedBinary> CreateAsync(ToolRunner tools, string lipo, Sidecar sidecar,
        (StagedBinary Intel, StagedBinary AppleSilicon) slices, AbsolutePath binariesDirectory, AbsolutePath recordsDirectory)
    {
        var destination = binariesDirectory / SidecarFileNames.Staged(sidecar.Name, TargetTable.UniversalAppleDarwin);
        var temporary = binariesDirectory / $".{destination.Name}.{Guid.NewGuid():N}.tmp";
        try
        {
            await tools.RunAsync(lipo, ["-create", "-output", temporary, binariesDirectory / slices.Intel.FileName,
                binariesDirectory / slices.AppleSilicon.FileName], binariesDirectory);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, Stager.Executable);
            }

            File.Move(temporary, destination, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        var mode = slices.Intel.Mode == slices.AppleSilicon.Mode ? slices.Intel.Mode : $"{slices.Intel.Mode}+{slices.AppleSilicon.Mode}";
        var staged = StagedBinary.Describe(sidecar, "osx-x64+osx-arm64", TargetTable.UniversalAppleDarwin, mode, destination);
        staged.Save(recordsDirectory);
        return staged;
    }
}
