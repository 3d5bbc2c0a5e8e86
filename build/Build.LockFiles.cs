using Prism.Pipeline.Engine;
using Prism.Pipeline.LockFiles;
using Prism.Pipeline.Sidecars.Publishing;
using SidecarPublishMode = Prism.Pipeline.Sidecars.Publishing.PublishMode;

/// <summary>UpdateLockFiles, and the checks that every restore has the lock files it is held to.</summary>
internal sealed partial class Build
{
    /// <summary>
    /// The runtimes some machine publishes as Native AOT (each on its own OS; linux-arm64 cross-compiled too): each has
    /// its own AOT lock files. Restoring needs no compiler, so one machine makes them all — where its feed serves the
    /// ILCompiler package of that runtime.
    /// </summary>
    static IReadOnlyList<string> AotLockRuntimes => ReleaseRuntimes;

    Target UpdateLockFiles => _ => _
        .Description("Remakes every NuGet lock file (packages.lock.json, and packages.aot.<rid>.lock.json of the sidecars per Native AOT runtime) " +
                     "after a deliberate change of packages, SDK or runtimes; review and commit them.")
        .Executes(async () =>
        {
            await ToolRunner.DotNetAsync(["restore", Solution, "--force-evaluate"], RootDirectory);
            ReportSummary("packages.lock.json", "every project");
            foreach (var rid in AotLockRuntimes)
            {
                var made = new List<string>();
                foreach (var sidecar in Sidecars)
                {
                    var project = RootDirectory / sidecar.Project;
                    var before = LockFileSnapshot.Take(ProjectLockFiles.ForAot(project, rid));
                    try
                    {
                        await ToolRunner.DotNetAsync(["restore", project, $"-p:RuntimeIdentifier={rid}", "-p:_IsPublishing=true",
                            .. Publisher.ModeProperties(SidecarPublishMode.NativeAot), "--force-evaluate"], RootDirectory);
                        made.Add(sidecar.Name);
                    }
                    catch (BuildException failure)
                    {
                        before.Restore();
                        // This machine's feed may lack a runtime's ILCompiler package (runtime.<rid>.Microsoft.DotNet.ILCompiler): the
                        // other runtimes' files are still made, and the summary says which are missing and where to make them.
                        Log.Warning("No Native AOT lock file for {Sidecar} {Rid}: {Reason} Make it where NuGet serves that runtime's ILCompiler package.",
                            sidecar.Name, rid, failure.Message);
                    }
                }

                ReportSummary(ProjectLockFiles.AotFileName(rid), made.Count == Sidecars.Length ? "every sidecar"
                    : $"NOT made for {string.Join(", ", Sidecars.Select(sidecar => sidecar.Name).Except(made))} (restore failed: see the log)");
            }
        });

    /// <summary>Fails before a locked restore when a project has no lock file (NuGet's locked mode would quietly write one).</summary>
    void RequireLockFiles(IEnumerable<string> projects)
    {
        var missing = ProjectLockFiles.Missing(projects);
        if (missing.Count > 0)
        {
            throw BuildException.Problems($"These projects have no NuGet lock file, so their packages are not pinned. Make them with " +
                $"`{LockedRestore.UpdateCommand}` and commit them:", missing.Select(file => Path.GetRelativePath(RootDirectory, file)));
        }
    }

    /// <summary>
    /// A Native AOT publish for a runtime without its AOT lock files (a new runtime, or osx-* made where the feed lacks its
    /// ILCompiler package) restores unpinned: said as a warning, not a failure, so such a platform still builds.
    /// </summary>
    void WarnAboutMissingAotLockFiles(IEnumerable<PublishRequest> requests)
    {
        foreach (var request in requests.Where(request => request.Mode == SidecarPublishMode.NativeAot))
        {
            var missing = ProjectLockFiles.MissingForAot(request.Project, request.Runtime.Rid);
            if (missing.Count > 0)
            {
                Log.Warning("{Request}: its packages are not pinned: {Missing} missing. Make it with `{Command}` (on a machine whose NuGet feed " +
                    "serves runtime.{Rid}.Microsoft.DotNet.ILCompiler) and commit it.", request.ToString(),
                    string.Join(", ", missing.Select(file => Path.GetRelativePath(RootDirectory, file))), LockedRestore.UpdateCommand, request.Runtime.Rid);
            }
        }
    }
}
