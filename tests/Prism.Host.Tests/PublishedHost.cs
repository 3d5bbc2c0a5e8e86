using Prism.TestBinaries;

namespace Prism.Host.Tests;

/// <summary>
/// A published prism binary (<see cref="PublishedSidecars"/>; the build's Test target lists them), run with the tr-daemon
/// published the same way — as a bundle would ship them — natively or through the emulator of its platform. Theories
/// take the row's label and resolve it here; without binaries one row skips, saying why.
/// </summary>
internal sealed record PublishedHost(PublishedSidecar Binary, PublishedSidecar Daemon)
{
    private const string NoneListed = "published (none listed)";

    public static TheoryData<string> Labels => new(Rows);

    /// <summary>The rows of <see cref="Labels"/>: the listed hosts' labels, or the one row that skips.</summary>
    public static IReadOnlyList<string> Rows => PublishedSidecars.Hosts is { Count: > 0 } hosts ? [.. hosts.Select(host => host.Label)] : [NoneListed];

    public static PublishedHost Resolve(string label)
    {
        Assert.SkipWhen(label == NoneListed, $"No published prism binary is listed, so none is tested. {PublishedSidecars.HowToList} The build's Test target does.");
        var binary = PublishedSidecars.Find(PublishedSidecar.HostName, label);
        Assert.True(File.Exists(binary.Path), $"{label} names {binary.Path}, which does not exist.");
        var daemon = PublishedSidecars.DaemonFor(binary);
        Assert.True(daemon is not null, $"No tr-daemon is listed that was published the way {label} ({binary.Path}) was; list both.");
        Assert.True(File.Exists(daemon.Path), $"{daemon.Label} names {daemon.Path}, which does not exist.");
        return new PublishedHost(binary, daemon);
    }

    /// <summary>
    /// The host's <c>PRISM_DAEMON_PATH</c> — the bundle layout's override, so the host cannot fall back to a JIT
    /// build: the daemon as the host sees it, or under qemu-user a launcher written into <paramref name="folder"/>.
    /// </summary>
    public string DaemonPathForHost(string folder) => Daemon.PathForHost(folder);

    public override string ToString() => Binary.Label;
}
