using System.Xml.Linq;
using Prism.Pipeline.Engine;
using Prism.Pipeline.Release;
using Prism.Pipeline.Reproducibility;
using Prism.Pipeline.Sidecars.Inspection;
using Prism.Pipeline.Tools;

/// <summary>Pack: release archives per triple with checksums and a manifest.</summary>
internal sealed partial class Build
{
    AbsolutePath ReleaseDirectory => ArtifactsDirectory / "release";

    /// <summary>The product version, from Directory.Build.props (one place for every project and the archives).</summary>
    string ProductVersion => XDocument.Load(RootDirectory / "Directory.Build.props").Descendants("Version").First().Value;

    Target Pack => _ => _
        .Description("Packs artifacts/release/: one archive per triple (.tar.gz; .zip for Windows), SHA256SUMS and manifest.json.")
        .DependsOn(Verify)
        .Executes(async () =>
        {
            var timestamp = await SourceDateEpoch.ResolveAsync(EnvironmentVariables, ToolRunner, RootDirectory);
            BuildOutputs.DeleteDirectory(ReleaseDirectory);
            var archives = ReleasePacker.Pack(StagedFor(SelectedSidecars, SelectedTriples), BinariesDirectory, ReleaseDirectory, ProductVersion, timestamp);
            foreach (var archive in archives)
            {
                ReportSummary(archive.FileName, SizeBudget.InMegabytes(archive.Size));
            }

            ReportSummary("archive times", $"{timestamp:yyyy-MM-dd HH:mm:ss} UTC ({SourceDateEpoch.Describe(EnvironmentVariables)})");
        });
}
