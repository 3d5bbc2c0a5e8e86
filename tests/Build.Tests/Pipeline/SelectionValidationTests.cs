using Prism.Pipeline.Tests.Engine;
using Prism.Platform;

namespace Prism.Pipeline.Tests.Pipeline;

/// <summary>
/// The real build (in-process, on a temporary root) given a sidecar, runtime or triple it does not know: "invalid
/// parameters, nothing was run" (exit code 2) with the known values, before Publish or any other target starts.
/// </summary>
public sealed class SelectionValidationTests : IDisposable
{
    private readonly BuildHarness harness = new();

    public void Dispose() => harness.Dispose();

    [Fact]
    public void An_unknown_runtime_is_refused_with_the_known_ones_before_anything_runs()
    {
        var run = harness.Run(new Build(), "Smoke", "--no-logo", "--runtimes", "linux-x64", "linux-x65");

        AssertRefusedBeforeAnythingRan(run);
        Assert.Contains("--runtimes: Unknown runtime identifier 'linux-x65'. Known RIDs: " + string.Join(", ", TargetTable.KnownRids), run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_sidecar_is_refused_with_the_sidecars_there_are()
    {
        var run = harness.Run(new Build(), "Smoke", "--no-logo", "--sidecar-names", "tr-deamon");

        AssertRefusedBeforeAnythingRan(run);
        Assert.Contains("--sidecar-names: there is no sidecar named 'tr-deamon'. The sidecars are: tr-daemon, prism.", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_triple_is_refused_with_the_known_ones()
    {
        var run = harness.Run(new Build(), "Stage", "--no-logo", "--triple", "x86_64-unknown-linux-gnux");

        AssertRefusedBeforeAnythingRan(run);
        Assert.Contains("--triple: Unknown target triple 'x86_64-unknown-linux-gnux'. Known triples: " + string.Join(", ", TargetTable.KnownTriples), run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_triple_from_tauri_names_the_variable_it_came_from()
    {
        harness.Environment["TAURI_ENV_TARGET_TRIPLE"] = "aarch64-unknown-linux-gnux";

        var run = harness.Run(new Build(), "Stage", "--no-logo");

        AssertRefusedBeforeAnythingRan(run);
        Assert.Contains("TAURI_ENV_TARGET_TRIPLE (set by Tauri): Unknown target triple 'aarch64-unknown-linux-gnux'.", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_unknown_value_is_listed_in_one_go()
    {
        var run = harness.Run(new Build(), "Pack", "--no-logo", "--sidecar-names", "nope", "--runtimes", "osx-arm65");

        AssertRefusedBeforeAnythingRan(run);
        Assert.Contains("  - --sidecar-names: there is no sidecar named 'nope'.", run.Output, StringComparison.Ordinal);
        Assert.Contains("  - --runtimes: Unknown runtime identifier 'osx-arm65'.", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_reproducible_runtime_is_refused_before_any_clone()
    {
        var run = harness.Run(new Build(), "Smoke", "CheckReproducible", "--no-logo", "--reproducible-runtimes", "linux-x64", "win-x65");

        AssertRefusedBeforeAnythingRan(run);
        Assert.Contains("--reproducible-runtimes: Unknown runtime identifier 'win-x65'.", run.Output, StringComparison.Ordinal);
    }

    /// <summary>Exit code 2 with the engine's heading, and nothing a target would have left: no publish folder, no staged file, no target started.</summary>
    private void AssertRefusedBeforeAnythingRan(BuildRun run)
    {
        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}:{Environment.NewLine}{run.Output}");
        Assert.Contains("Invalid parameters, nothing was run:", run.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(harness.Root, "artifacts")), run.Output);
        Assert.False(Directory.Exists(Path.Combine(harness.Root, "src-tauri", "binaries")), run.Output);
        Assert.DoesNotContain("── Publish", run.Output, StringComparison.Ordinal);
    }
}
