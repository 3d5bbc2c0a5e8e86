using Prism.Pipeline.Engine;
using Prism.Platform;

namespace Prism.Pipeline.Sidecars;

/// <summary>
/// Copies a published sidecar to <c>src-tauri/binaries/&lt;name&gt;-&lt;triple&gt;[.exe]</c>, executable, atomically:
/// Tauri (or a build watching the folder) never sees a partial file.
/// </summary>
internal sealed class Stager(AbsolutePath binariesDirectory, AbsolutePath recordsDirectory)
{
    private static readonly string[] SymbolExtensions = [".pdb", ".dbg", ".dsym"];

    public StagedBinary Stage(PublishedBinary published)
    {
        var request = published.Request;
        RequireSingleFile(request);
        var destination = binariesDirectory / SidecarFileNames.Staged(request.Sidecar.Name, request.Runtime.Triple);
        Directory.CreateDirectory(binariesDirectory);
        new AtomicFile().WriteAllBytes(destination, File.ReadAllBytes(request.Executable), Executable);
        var staged = StagedBinary.Describe(request.Sidecar, request.Runtime.Rid, request.Runtime.Triple, request.ModeName, destination);
        staged.Save(recordsDirectory);
        return staged;
    }

    /// <summary>rwxr-xr-x: Tauri copies mode bits along (fs::copy), so the staged file must already be executable.</summary>
    public const UnixFileMode Executable =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>A sidecar travels as one file: anything else the publish left (besides symbols) would be missing at run time.</summary>
    private static void RequireSingleFile(PublishRequest request)
    {
        var extras = Directory.EnumerateFileSystemEntries(request.OutputDirectory)
            .Select(Path.GetFileName)
            .Where(name => name != request.Executable.Name && !SymbolExtensions.Contains(Path.GetExtension(name)!.ToLowerInvariant()))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (extras.Count > 0)
        {
            throw BuildException.Failure(
                $"{request}: the publish folder {request.OutputDirectory} holds files the binary would need beside it: {string.Join(", ", extras)}. " +
                "A sidecar must be one self-contained file: embed content as resources, or set IncludeNativeLibrariesForSelfExtract / " +
                "IncludeAllContentForSelfExtract in the project.");
        }
    }
}
