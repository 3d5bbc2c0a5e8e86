using Prism.Pipeline.Engine;
using Prism.Pipeline.LockFiles;
using Prism.Pipeline.Tools;

namespace Prism.Pipeline.Sidecars.Publishing;

/// <summary>Runs <c>dotnet publish</c> for one request, or skips it when its inputs and output are unchanged.</summary>
internal sealed class Publisher(ToolRunner tools, AbsolutePath root, AbsolutePath stampDirectory, string sdkVersion)
{
    public async Task<PublishedBinary> PublishAsync(PublishRequest request, bool force)
    {
        var fingerprint = PublishFingerprint.Compute(request, root, sdkVersion);
        var stamp = new PublishStamp(stampDirectory / $"{request.Sidecar.Name}-{request.Runtime.Rid}.stamp");
        if (!force && stamp.Matches(fingerprint, request.Executable))
        {
            return new PublishedBinary(request, UpToDate: true);
        }

        stamp.Delete();
        BuildOutputs.DeleteDirectory(request.OutputDirectory);
        await LockedRestore.DotNetAsync(tools, Arguments(request), root);
        if (!request.Executable.FileExists)
        {
            throw BuildException.Failure($"Publishing {request} succeeded but left no {request.Executable.Name} in {request.OutputDirectory}. " +
                $"Check that {request.Project.Name} sets <AssemblyName>{request.Sidecar.Name}</AssemblyName>.");
        }

        stamp.Write(fingerprint, request.Executable);
        return new PublishedBinary(request, UpToDate: false);
    }

    /// <summary>
    /// Release, self-contained; Native AOT, or a trimmed single file (the project itself picks R2R/compression); restored
    /// in locked mode. No build servers (MSBuild nodes kept for reuse, the shared compiler, Razor's): each is started
    /// for this publish and ends with it, so aborting the build ends every compiler the publish runs.
    /// </summary>
    private static string[] Arguments(PublishRequest request) =>
    [
        "publish", request.Project, "-c", "Release", "-r", request.Runtime.Rid, "-o", request.OutputDirectory, "-nologo", "--disable-build-servers",
        LockedRestore.Property, .. ModeProperties(request.Mode), .. request.Mode == PublishMode.NativeAot ? request.ToolchainProperties : [],
    ];

    /// <summary>
    /// The MSBuild properties of a mode. They decide what a publish restores (Native AOT adds the ILCompiler package), so
    /// UpdateLockFiles restores with these same ones.
    /// </summary>
    public static IReadOnlyList<string> ModeProperties(PublishMode mode) =>
        mode == PublishMode.NativeAot
            ? ["-p:SelfContained=true", "-p:PublishAot=true"]
            : ["-p:SelfContained=true", "-p:PublishAot=false", "-p:PublishSingleFile=true", "-p:PublishTrimmed=true"];
}
