using Prism.Pipeline.Sidecars.Inspection;
using Prism.Pipeline.Tools;
using Prism.Platform;

namespace Prism.Pipeline.Bundles;

/// <summary>
/// Reads a bundle that is a folder on disk: a macOS <c>.app</c> (its programs in <c>Contents/MacOS</c>, where Tauri
/// copies each sidecar and signs it) or a Windows install folder (what the MSI or NSIS installer put on disk: the app's
/// exe with each sidecar's <c>.exe</c> beside it). The triple comes from the programs' own headers.
/// </summary>
internal static class ProgramFolder
{
    /// <summary>A <c>.app</c> folder.</summary>
    public static OpenedBundle ReadMacApp(string path) => Read(path, "app", Path.Combine(path, "Contents", "MacOS"), "Contents/MacOS");

    /// <summary>A Windows install folder.</summary>
    public static OpenedBundle ReadInstallFolder(string path) => Read(path, "folder", path, ".");

    private static OpenedBundle Read(string bundle, string kind, string folder, string shownAs)
    {
        if (!Directory.Exists(folder))
        {
            throw new InvalidDataException($"{shownAs} is missing: not a {(kind == "app" ? "macOS app bundle" : "folder")}");
        }

        var programs = Directory.EnumerateFiles(folder).ToDictionary(
            file => Path.GetFileName(file),
            file => new BundledProgram(kind == "app" ? $"{shownAs}/{Path.GetFileName(file)}" : Path.GetFileName(file), FileModes.IsExecutable(file), File.ReadAllBytes(file)),
            StringComparer.Ordinal);
        return new OpenedBundle(bundle, kind, shownAs, TripleOf(programs.Values), programs, null, []);
    }

    /// <summary>The triple of the first program whose header names one (a fat Mach-O: universal-apple-darwin).</summary>
    public static string? TripleOf(IEnumerable<BundledProgram> programs) =>
        programs.Select(program => BinaryHeaderReader.Read(program.Bytes)).OfType<BinaryHeader>().Select(TripleOf).FirstOrDefault(triple => triple is not null);

    private static string? TripleOf(BinaryHeader header) =>
        header.IsFat
            ? TargetTable.UniversalAppleDarwin
            : TargetTable.Runtimes.FirstOrDefault(runtime => runtime.Os == header.Os && !runtime.IsMusl && runtime.Architecture.ToString() == header.Architectures[0])?.Triple;
}
