namespace Prism.Host.Tests;

/// <summary>
/// A published prism binary from <c>PRISM_TEST_HOST_BINARIES</c> (the build's Test target sets it, with
/// <c>PRISM_TEST_DAEMON_BINARIES</c>), run with the tr-daemon published beside it in the same way — as a bundle
/// would ship them. Theories take the row's label and resolve it here; without binaries one row skips, saying why.
/// </summary>
internal sealed record PublishedHost(string Path, string DaemonPath)
{
    private const string HostBinariesVariable = "PRISM_TEST_HOST_BINARIES";
    private const string DaemonBinariesVariable = "PRISM_TEST_DAEMON_BINARIES";
    private const string NoneListed = "published (none listed)";

    public static TheoryData<string> Labels
    {
        get
        {
            var hosts = Listed(HostBinariesVariable);
            return hosts.Count == 0 ? new TheoryData<string> { NoneListed } : new TheoryData<string>(hosts);
        }
    }

    /// <summary>The daemon the host must use: the bundle layout's override, so the host cannot fall back to a JIT build.</summary>
    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?> { ["PRISM_DAEMON_PATH"] = DaemonPath };

    public static PublishedHost Resolve(string label)
    {
        Assert.SkipWhen(label == NoneListed, $"{HostBinariesVariable} is not set, so no published prism binary is tested. The build's Test target sets it (and {DaemonBinariesVariable}).");
        Assert.True(File.Exists(label), $"{HostBinariesVariable} lists {label}, which does not exist.");

        // The build publishes into <root>/<sidecar>/<rid>/<file>: the daemon published the same way is in <root>/tr-daemon/<rid>/.
        var ridFolder = new FileInfo(label).Directory!;
        var daemonFolder = System.IO.Path.Combine(ridFolder.Parent!.Parent!.FullName, Prism.Host.Bridge.DaemonLocator.SidecarName, ridFolder.Name);
        var daemon = Listed(DaemonBinariesVariable).FirstOrDefault(path =>
            string.Equals(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)), daemonFolder, StringComparison.Ordinal));
        Assert.True(daemon is not null, $"{DaemonBinariesVariable} lists no tr-daemon in {daemonFolder}, published the way {label} was; list both.");
        return new PublishedHost(label, daemon);
    }

    private static List<string> Listed(string variable) =>
        (System.Environment.GetEnvironmentVariable(variable) ?? "")
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToList();
}
