using Prism.Pipeline.Emulation;
using Prism.Pipeline.Engine;
using Prism.Pipeline.Sidecars;
using Prism.Pipeline.Sidecars.Inspection;
using Prism.Pipeline.Sidecars.Staging;
using Prism.Pipeline.Smoke;
using Prism.Platform;

/// <summary>Smoke: the staged sidecars run over their real stdin/stdout and HTTP, natively or emulated.</summary>
internal sealed partial class Build
{
    Target Smoke => _ => _
        .Description("Runs each staged sidecar this machine can execute over its real stdin/stdout and HTTP; the main job.")
        .DependsOn(Verify)
        .Executes(RunSmokeChecksAsync);

    /// <summary>
    /// Runs every staged binary this machine can execute — natively, or emulated (qemu-user, Wine) with the same checks
    /// and longer time limits — one emulation session per triple; the rest are verified statically only, and the
    /// summary says which way each was checked and, when not run, what to install to run it.
    /// </summary>
    async Task RunSmokeChecksAsync()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("prism-smoke-");
        var failures = new List<string>();
        try
        {
            foreach (var triple in Selection.Triples)
            {
                var binaries = StagedFor(Selection.Sidecars, [triple]).OrderBy(binary => binary.Kind).ToList();
                var route = await RouteProbe.RouteForAsync(triple, CancellationToken);
                if (!route.CanRun)
                {
                    binaries.ForEach(binary => ReportSummary(binary.FileName, $"{binary.Mode.Name()}, {SizeBudget.InMegabytes(binary.Size)}: {route.Summary}"));
                    continue;
                }

                Log.Information("Smoke-testing {Triple}: {Route}", triple, route.Summary);
                await using var session = await EmulationSession.StartAsync(route, CancellationToken);
                foreach (var binary in binaries)
                {
                    var path = BinariesDirectory / binary.FileName;
                    var result = binary.Kind == SidecarKind.Daemon
                        ? await DaemonSmokeCheck.RunAsync(session, path, dataDirectory.FullName, CancellationToken)
                        : await HostSmokeCheck.RunAsync(session, path, BinariesDirectory / SidecarFileNames.Staged(DaemonSidecar.Name, triple), dataDirectory.FullName, CancellationToken);
                    ReportSummary(binary.FileName, result.Passed
                        ? $"{binary.Mode.Name()}, {SizeBudget.InMegabytes(binary.Size)}, {route.Summary}, {result.FirstReplyText}: passed"
                        : $"{route.Summary}: FAILED: " + string.Join("; ", result.Failures));
                    failures.AddRange(result.Failures.Select(failure => $"{binary.FileName} ({route.Summary}): {failure}"));
                }
            }
        }
        finally
        {
            dataDirectory.Delete(recursive: true);
        }

        if (failures.Count > 0)
        {
            throw BuildException.Problems("Smoke test failed:", failures);
        }
    }
}
