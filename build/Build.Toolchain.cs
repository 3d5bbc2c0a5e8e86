using Prism.Pipeline.Engine;
using Prism.Pipeline.Sidecars.Publishing;
using Prism.Pipeline.Toolchain;

/// <summary>RecordToolchain: what a rebuild of this run's sidecars must match, for the release's provenance.</summary>
internal sealed partial class Build
{
    AbsolutePath ToolchainRecordFile => ArtifactsDirectory / "toolchain.json";

    Target RecordToolchain => _ => _
        .Description("Writes artifacts/toolchain.json: the SDK, each publish's runtime packs and ILCompiler, clang/lld/lipo and the " +
                     "Debian packages of the C runtime a Linux Native AOT link uses — what a rebuild must match (see ToolchainRecord).")
        .After(Stage, StageUniversal)
        .Executes(async () =>
        {
            var requests = PublishPlanner.Plan(Selection.Sidecars, Selection.Runtimes, PublishMode, AotToolchain.Detect(), RootDirectory, PublishDirectory);
            var record = await new ToolchainRecorder(ToolRunner, RootDirectory).RecordAsync(requests, Selection.BothMacSlices && LipoInstalled);
            record.Save(ToolchainRecordFile);
            ReportSummary("toolchain.json", $"SDK {record.Sdk}, {record.Publishes.Count} publishes, {record.NativeTools.Count} native tools");
        });
}
