using Prism.Pipeline.Engine;
using Prism.Pipeline.Sidecars.Publishing;
using Prism.Pipeline.Tools;
using Prism.Platform;

namespace Prism.Pipeline.Sidecars.Staging;

/// <summary>
/// Copies a published sidecar to <c>src-tauri/binaries/&lt;name&gt;-&lt;triple&gt;[.exe]</c>, executable, atomically:
/// Tauri (or a build watching the folder) never sees a partial file. The folder is made writable by its owner only
/// (a checkout under umask 002 leaves it group-writable): prism refuses a tr-daemon beside it that others may change.
/// <paramref name="atomicFile"/> lets tests inject a failing write.
/// </summary>
internal sealed class Stager(AbsolutePath binariesDirectory, AbsolutePath recordsDirectory, AtomicFile? atomicFile = null)
{
    private static readonly string[] SymbolExtensions = [".pdb", ".dbg", ".dsym"];

    /// <summary>ERROR_SHARING_VIOLATION and ERROR_LOCK_VIOLATION as the HRESULT of an IOException on Windows.</summary>
    private static readonly int[] InUseResults = [unchecked((int)0x80070020), unchecked((int)0x80070021)];

    private readonly AtomicFile file = atomicFile ?? new AtomicFile();

    public StagedBinary Stage(PublishedBinary published)
    {
        var request = published.Request;
        RequireSingleFile(request);
        var destination = binariesDirectory / SidecarFileNames.Staged(request.Sidecar.Name, request.Runtime.Triple);
        Directory.CreateDirectory(binariesDirectory);
        WritableByOwnerOnly(binariesDirectory);
        try
        {
            file.WriteAllBytes(destination, File.ReadAllBytes(request.Executable), FileModes.Executable);
        }
        catch (Exception exception) when (IsInUse(exception))
        {
            throw BuildException.Failure(
                $"{request}: cannot replace {destination}, which a running program holds open ({exception.Message.TrimEnd('.')}). " +
                "Windows does not let a running .exe be replaced: is `tauri dev` (or the app, or a prism started from there) still running it? " +
                "Stop it, then run Stage again.");
        }

        var staged = StagedBinary.Describe(request.Sidecar, request.Runtime, StagedModeNames.Of(request.Mode), destination);
        staged.Save(recordsDirectory);
        return staged;
    }

    private static void WritableByOwnerOnly(AbsolutePath folder)
    {
        const UnixFileMode OthersWrite = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(folder) & OthersWrite) != 0)
        {
            File.SetUnixFileMode(folder, File.GetUnixFileMode(folder) & ~OthersWrite);
        }
    }

    /// <summary>
    /// A file in use: a sharing or lock violation, or (on Windows, where renaming over a running .exe is refused so)
    /// access denied. On Unix a running binary can be renamed over; access denied there is a permission problem.
    /// </summary>
    private static bool IsInUse(Exception exception) =>
        exception is IOException io && InUseResults.Contains(io.HResult)
        || exception is UnauthorizedAccessException && OperatingSystem.IsWindows();

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
