using Prism.Platform;

namespace Prism.Pipeline.Sidecars;

/// <summary>
/// Which sidecars a run is about and for which platforms, resolved once from the parameters before any target runs;
/// every target takes this one instead of reading the parameters again.
/// </summary>
/// <param name="Sidecars">The sidecars asked for, or all of them.</param>
/// <param name="Runtimes">The runtimes to publish and stage, each once, in the order asked.</param>
/// <param name="Triples">The triples the runtimes are staged under, plus universal-apple-darwin when it gets made (what Verify, Smoke and Pack check).</param>
internal sealed record SidecarSelection(IReadOnlyList<Sidecar> Sidecars, IReadOnlyList<RuntimeTarget> Runtimes, IReadOnlyList<string> Triples)
{
    /// <summary>The triples of the two slices lipo combines into the universal macOS binary.</summary>
    public static IEnumerable<string> UniversalSliceTriples => TargetTable.UniversalAppleDarwinRids.Select(TargetTable.TripleForRid);

    /// <summary>Whether both macOS slices are selected, so the universal binary can be made of them.</summary>
    public bool BothMacSlices => UniversalSliceTriples.All(triple => Runtimes.Any(runtime => runtime.Triple == triple));

    /// <summary>What the parameters ask for, as given (nothing resolved yet).</summary>
    /// <param name="SidecarNames">--sidecar-names: empty for all.</param>
    /// <param name="Rids">--runtimes.</param>
    /// <param name="Triple">--triple, else Tauri's TAURI_ENV_TARGET_TRIPLE (with where it came from), else null.</param>
    /// <param name="AllTriples">--all-triples: every runtime a release ships.</param>
    /// <param name="ReleaseRuntimes">The RIDs a release ships.</param>
    /// <param name="UniversalWhenBothSlices">Whether the universal binary is made when both slices are selected (lipo is installed, or the run gathers a release).</param>
    internal sealed record Request(
        IReadOnlyList<string> SidecarNames,
        IReadOnlyList<string> Rids,
        (string Value, string Source)? Triple,
        bool AllTriples,
        IReadOnlyList<string> ReleaseRuntimes,
        bool UniversalWhenBothSlices);

    /// <summary>
    /// Resolves <paramref name="request"/> against the known sidecars and the target table. Every unknown name, RID or
    /// triple is one line of <paramref name="problems"/> naming the option and the known values; the selection then
    /// holds only the known ones.
    /// </summary>
    public static SidecarSelection Resolve(IReadOnlyList<Sidecar> known, Request request, ICollection<string> problems)
    {
        var sidecars = request.SidecarNames.Count == 0 ? known : SidecarsNamed(known, request.SidecarNames, problems);
        var runtimes = request.AllTriples ? RuntimesNamed("--all-triples", request.ReleaseRuntimes, problems)
            : request.Triple is { } triple ? RuntimesOfTriple(triple.Value, triple.Source, problems)
            : RuntimesNamed("--runtimes", request.Rids, problems);
        var selection = new SidecarSelection(sidecars, runtimes, []);
        return selection with
        {
            Triples =
            [
                .. runtimes.Select(runtime => runtime.Triple),
                .. selection.BothMacSlices && (request.AllTriples || request.UniversalWhenBothSlices) ? [TargetTable.UniversalAppleDarwin] : Array.Empty<string>(),
            ],
        };
    }

    /// <summary>The table rows of <paramref name="rids"/>, each once; an unknown one is a line of <paramref name="problems"/> that lists the known RIDs.</summary>
    public static IReadOnlyList<RuntimeTarget> RuntimesNamed(string source, IEnumerable<string> rids, ICollection<string> problems)
    {
        var runtimes = new List<RuntimeTarget>();
        foreach (var rid in rids.Distinct(StringComparer.Ordinal))
        {
            if (TargetTable.KnownRids.Contains(rid))
            {
                runtimes.Add(TargetTable.ForRid(rid));
            }
            else
            {
                problems.Add($"{source}: {UnknownTargetException.UnknownRid(rid).Message}");
            }
        }

        return runtimes;
    }

    private static List<RuntimeTarget> RuntimesOfTriple(string triple, string source, ICollection<string> problems)
    {
        if (!TargetTable.KnownTriples.Contains(triple))
        {
            problems.Add($"{source}: {UnknownTargetException.UnknownTriple(triple).Message}");
            return [];
        }

        return [.. TargetTable.RidsForTriple(triple).Select(TargetTable.ForRid)];
    }

    private static List<Sidecar> SidecarsNamed(IReadOnlyList<Sidecar> known, IEnumerable<string> names, ICollection<string> problems)
    {
        var sidecars = new List<Sidecar>();
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            if (known.FirstOrDefault(sidecar => sidecar.Name == name) is { } sidecar)
            {
                sidecars.Add(sidecar);
            }
            else
            {
                problems.Add($"--sidecar-names: there is no sidecar named '{name}'. The sidecars are: {string.Join(", ", known.Select(candidate => candidate.Name))}.");
            }
        }

        return sidecars;
    }
}
