using System.Text.RegularExpressions;
using Prism.Pipeline.Sidecars.Inspection;
using Prism.Pipeline.Tauri;
using Prism.Pipeline.Tools;
using Prism.Platform;

namespace Prism.Pipeline.Bundles;

/// <summary>
/// Checks one opened bundle against what was staged: every sidecar present under its bundled name, executable, and the
/// staged one (<see cref="StagedCopyComparison"/>), and — for a .deb or .rpm — the dependencies the Tauri config
/// declares for that format, including what PatchTauriConfig adds.
/// </summary>
internal static partial class BundleVerifier
{
    /// <summary>The problems found, and a summary line per checked item (key, value).</summary>
    /// <param name="staged">The sidecars as staged for a triple (the bundle's own triple is passed in).</param>
    /// <param name="configDependencies">Per format ("deb", "rpm"): the config's depends entries.</param>
    public static (IReadOnlyList<string> Problems, IReadOnlyList<(string Key, string Value)> Notes) Verify(
        OpenedBundle bundle, Func<string, IReadOnlyList<StagedSidecar>> staged, IReadOnlyDictionary<string, IReadOnlyList<string>> configDependencies)
    {
        var problems = new List<string>();
        var notes = new List<(string, string)>();
        if (bundle.Triple is not { } triple)
        {
            problems.Add($"{bundle.Path}: cannot tell which platform its programs are for (an unknown package architecture, or no program " +
                         $"in {bundle.ProgramFolder} whose header names one), so its sidecars cannot be matched with the staged ones.");
            return (problems, notes);
        }

        foreach (var sidecar in staged(triple))
        {
            var (problem, note) = VerifySidecar(bundle, triple, sidecar);
            if (problem is not null)
            {
                problems.Add(problem);
            }

            notes.Add(($"{bundle.Name}: {bundle.ProgramFolder}/{SidecarFileNames.Bundled(sidecar.Name, triple)}", note));
        }

        if (bundle.DependencyFormat is { } format)
        {
            var missing = ExpectedDependencies(format, configDependencies.GetValueOrDefault(format, []))
                .Where(expected => !expected.IsDeclaredBy(bundle.DeclaredDependencies))
                .Select(expected => expected.Entry)
                .ToList();
            notes.Add(($"{bundle.Name}: {(format == "deb" ? "Depends" : "Requires")}", missing.Count == 0 ? $"ok, {string.Join(", ", bundle.DeclaredDependencies)}" : "MISSING " + string.Join(", ", missing)));
            if (missing.Count > 0)
            {
                problems.Add($"{bundle.Path} does not declare {string.Join(", ", missing.Select(entry => $"\"{entry}\""))} " +
                             $"(it declares: {string.Join(", ", bundle.DeclaredDependencies)}), which bundle.linux.{format}.depends of the Tauri config " +
                             "lists (PatchTauriConfig adds OpenSSL 3, which the sidecars load for TLS): the bundle was built from another config. " +
                             "Run PatchTauriConfig, then `tauri build` again.");
            }
        }

        return (problems, notes);
    }

    /// <summary>One sidecar: the problem (or null) and the summary value.</summary>
    private static (string? Problem, string Note) VerifySidecar(OpenedBundle bundle, string triple, StagedSidecar sidecar)
    {
        var bundledName = SidecarFileNames.Bundled(sidecar.Name, triple);
        var where = $"{bundle.Path}: {bundle.ProgramFolder}/{bundledName}";
        var stagedBytes = File.Exists(sidecar.StagedPath) ? File.ReadAllBytes(sidecar.StagedPath) : null;
        var stagedFileSha = stagedBytes is null ? null : ContentHash.Sha256(stagedBytes);
        var stagedSha = sidecar.RecordedSha256 ?? stagedFileSha;
        if (!bundle.Programs.TryGetValue(bundledName, out var bundled))
        {
            return ($"{where} is missing: the bundle lacks the sidecar staged as {sidecar.StagedFileName} (SHA-256 {stagedSha ?? "unknown: not staged"}). " +
                    "Check that bundle.externalBin of the config `tauri build` read lists it (run PatchTauriConfig), then build the bundle again.", "MISSING");
        }

        if (!bundled.Executable)
        {
            return ($"{where} is not executable in the bundle, so the app fails to start it with 'os error 13'. Stage it again " +
                    "(Stage makes it 0755; CI artifact downloads lose the bit, tauri#4653), then build the bundle again.", "NOT EXECUTABLE");
        }

        if (stagedBytes is not null && (sidecar.RecordedSha256 is null || sidecar.RecordedSha256 == stagedFileSha))
        {
            var comparison = StagedCopyComparison.Compare(stagedBytes, bundled.Bytes);
            var basis = sidecar.RecordedSha256 is null ? $" (no staging record: compared with {sidecar.StagedPath} as it is now)" : "";
            return comparison.Same
                ? (null, $"ok, executable, the staged {sidecar.StagedFileName} ({StagedDigests(comparison)}; compared: {comparison.Covers}){basis}")
                : (Stale(where, sidecar, comparison) + basis, "STALE");
        }

        if (sidecar.RecordedSha256 is null)
        {
            return ($"{where} cannot be checked: nothing was staged for {triple} ({sidecar.StagedPath} is missing and there is no staging record). " +
                    $"Run Stage for {triple} (a CI job downloads src-tauri/binaries and artifacts/staged together).", "NOT STAGED");
        }

        // The staged file is gone or changed since Stage: only the recorded SHA-256 is left to compare with.
        var bundledSha = ContentHash.Sha256(bundled.Bytes);
        if (bundledSha == sidecar.RecordedSha256)
        {
            return (null, $"ok, executable, what Stage staged as {sidecar.StagedFileName} (SHA-256 {sidecar.RecordedSha256}; compared: the whole file)");
        }

        var replaced = stagedFileSha == bundledSha
            ? $" {sidecar.StagedPath} now holds exactly the bundled bytes: it was replaced after Stage (by an older build or artifact?) and Tauri bundled that."
            : stagedFileSha is null ? $" {sidecar.StagedPath} is gone." : $" {sidecar.StagedPath} has changed since Stage too (SHA-256 {stagedFileSha}).";
        return ($"{where} is stale: its SHA-256 is {bundledSha}, but Stage staged {sidecar.StagedFileName} with SHA-256 {sidecar.RecordedSha256}.{replaced} " +
                "Run Stage again, then build the bundle again" + (bundled.Bytes is [0xCF or 0xCA, ..] ? " (a signed macOS sidecar is compared by code, which needs the staged file as Stage wrote it)." : "."), "STALE");
    }

    private static string Stale(string where, StagedSidecar sidecar, CopyComparison comparison) =>
        $"{where} is stale: it is not the staged {sidecar.StagedFileName} (compared: {comparison.Covers}). " +
        string.Join("; ", comparison.Parts.Where(part => part.StagedSha256 != part.BundledSha256).Select(part =>
            $"{(part.Part.Length > 0 ? part.Part + ": " : "")}bundled SHA-256 {part.BundledSha256}, staged SHA-256 {part.StagedSha256}")) +
        ". Tauri bundled another file than the one staged (tauri#15134: an old copy won): stage again, remove old copies " +
        $"of {Path.GetFileName(where)} from target/, then build the bundle again.";

    private static string StagedDigests(CopyComparison comparison) =>
        string.Join(", ", comparison.Parts.Select(part => $"{(part.Part.Length > 0 ? part.Part + " " : "")}SHA-256 {part.StagedSha256}"));

    /// <summary>What the package must declare: each entry of the config's list for the format (by its package names),
    /// and OpenSSL 3, which PatchTauriConfig adds (satisfied by any of the names it accepts).</summary>
    private static IEnumerable<LinuxPackageDependency> ExpectedDependencies(string format, IReadOnlyList<string> configEntries) =>
    [
        .. configEntries.Select(entry => new LinuxPackageDependency(format, entry, PackageNames(format, entry))),
        .. LinuxPackageDependency.OpenSsl3.Where(dependency => dependency.Format == format),
    ];

    /// <summary>The names in an entry: Debian's alternatives (<c>a (>= 1) | b</c>), or an RPM name before its version.</summary>
    private static string[] PackageNames(string format, string entry) => format == "deb"
        ? [.. entry.Split('|').Select(alternative => NameOnly().Match(alternative.Trim()).Value)]
        : [entry.Trim().Split(' ', 2)[0]];

    [GeneratedRegex(@"^[^\s(:]+")]
    private static partial Regex NameOnly();
}
