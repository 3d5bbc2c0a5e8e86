using System.Runtime.Versioning;
using Serilog;

namespace Prism.Daemon.Storage;

/// <summary>
/// Windows: earlier versions kept the data folder in the roaming <c>%APPDATA%\prism</c>, whose files travel with a
/// roaming profile — session cookies included. At start it is moved, once, to the local default folder. No crash loses
/// anything: the files are copied into a staging folder beside the new one (owner-only, as every secret file), which is
/// then renamed into place in one step; only after that is the old folder deleted. A staging folder found at start is
/// the rest of an interrupted copy (the old folder still holds everything) and goes; an old folder whose files the new
/// one holds byte for byte is the rest of an interrupted deletion, and goes too.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed class RoamingFolderMove(string roaming, string local, ILogger log)
{
    private string Staging => local + ".moving";

    /// <summary>Moves what the roaming folder holds, if anything; a failure is logged (the daemon then starts with the new folder as it is).</summary>
    public void Run()
    {
        try
        {
            Move();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            log.Warning(
                "Could not move the data folder of earlier versions {Roaming} to {Local}: {Reason} Its saved session is not used; move its files by hand, then delete it (it travels with a roaming profile).",
                roaming,
                local,
                exception.Message);
        }
    }

    private void Move()
    {
        if (Directory.Exists(Staging))
        {
            Directory.Delete(Staging, recursive: true);
        }

        if (!Directory.Exists(roaming))
        {
            return;
        }

        var files = Directory.GetFiles(roaming).Where(file => !PrivateFile.IsInterruptedWrite(file)).ToList();
        if (Directory.Exists(local) && Directory.EnumerateFileSystemEntries(local).Any())
        {
            if (files.All(file => HoldsTheSame(file, Path.Combine(local, Path.GetFileName(file)))))
            {
                DeleteRoaming(files);
                log.Information("Finished moving the data folder from {Roaming} to {Local}", roaming, local);
            }
            else
            {
                log.Warning("{Roaming}, the data folder of earlier versions, still holds files, but {Local} is in use, so the old one is not read. Delete it: what it holds travels with a roaming profile.", roaming, local);
            }

            return;
        }

        OwnerOnlyAcl.CreateFolder(Staging);
        foreach (var file in files)
        {
            if (PrivateFile.ReadIfPresent(file) is { } content)
            {
                PrivateFile.WriteAtomically(Path.Combine(Staging, Path.GetFileName(file)), content);
            }
        }

        if (Directory.Exists(local))
        {
            // Empty (checked above), e.g. made by hand: the rename needs its place.
            Directory.Delete(local);
        }

        Directory.Move(Staging, local);
        DeleteRoaming(files);
        log.Information("Moved the data folder from {Roaming} to {Local}: session cookies must not travel with a roaming profile", roaming, local);
    }

    private static bool HoldsTheSame(string file, string copy) =>
        File.Exists(copy) && PrivateFile.ReadIfPresent(file) is { } original && PrivateFile.ReadIfPresent(copy) is { } copied && original.AsSpan().SequenceEqual(copied);

    /// <summary>Deletes the moved files, what interrupted saves left there, then the folder (left in place, and said, when it holds anything else).</summary>
    private void DeleteRoaming(List<string> moved)
    {
        foreach (var file in moved)
        {
            File.Delete(file);
        }

        PrivateFile.DeleteInterruptedWrites(roaming);
        if (Directory.EnumerateFileSystemEntries(roaming).Any())
        {
            log.Warning("{Roaming}, the data folder of earlier versions, holds more than Prism put there; it stays. Delete it by hand.", roaming);
            return;
        }

        Directory.Delete(roaming);
    }
}
