using Prism.Pipeline.Engine;
using Prism.Pipeline.Sidecars.Publishing;
using Prism.Platform;

namespace Prism.Pipeline.Release.Verification;

/// <summary>One rebuild of part of a release: the runtimes and mode Pack is run with, and the archives it must reproduce.</summary>
internal sealed record RebuildPart(IReadOnlyList<string> Rids, string PublishMode, IReadOnlyList<string> Sidecars, IReadOnlyList<string> Archives)
{
    /// <summary>The Pack command in the clone, as a user would type it.</summary>
    public IReadOnlyList<string> PackArguments =>
        ["Pack", "--runtimes", .. Rids, "--publish-mode", PublishMode, "--sidecar-names", .. Sidecars, "--no-logo"];

    /// <summary>
    /// The parts of a release by archive: each triple's runtime(s) and publish mode as the manifest records them (a
    /// universal macOS archive with both slices). A part this machine cannot make in that mode comes back with the reason.
    /// </summary>
    public static List<(RebuildPart Part, string? WhyNotHere)> Plan(ReleaseManifest manifest, AotToolchain toolchain, bool lipoInstalled)
    {
        var parts = new List<(RebuildPart, string?)>();
        foreach (var archive in manifest.Sidecars.GroupBy(sidecar => sidecar.Archive).OrderBy(group => group.Key, StringComparer.Ordinal))
        {
            var first = archive.First();
            var sidecars = archive.Select(sidecar => sidecar.Sidecar).Distinct().Order(StringComparer.Ordinal).ToList();
            var universal = TargetTable.IsUniversalAppleDarwin(first.Triple);
            var rids = universal ? TargetTable.UniversalAppleDarwinRids.ToList() : [first.Rid];
            var modes = archive.Select(sidecar => sidecar.PublishMode).Distinct().ToList();
            if (modes.Count != 1 || modes[0].Contains('+', StringComparison.Ordinal))
            {
                parts.Add((new RebuildPart(rids, string.Join(" ", modes), sidecars, [archive.Key]),
                    $"its sidecars were published in mixed modes ({string.Join(", ", modes)}), which one Pack cannot repeat"));
                continue;
            }

            var part = new RebuildPart(rids, modes[0], sidecars, [archive.Key]);
            var aot = modes[0] == PublishModeNames.NativeAot;
            var missing = rids.Select(TargetTable.ForRid).Where(runtime => aot && !toolchain.CanCompile(runtime))
                .Select(runtime => $"Native AOT for {runtime.Rid}: {toolchain.WhyNot(runtime)}").ToList();
            if (universal && !lipoInstalled)
            {
                missing.Add("lipo or llvm-lipo for the universal binary");
            }

            parts.Add((part, missing.Count == 0 ? null : string.Join("; ", missing)));
        }

        return parts;
    }
}
