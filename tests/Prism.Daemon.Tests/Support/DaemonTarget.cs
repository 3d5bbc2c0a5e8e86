using System.Diagnostics;
using System.Reflection;
using Prism.TestBinaries;

namespace Prism.Daemon.Tests.Support;

/// <summary>
/// A tr-daemon to test: the JIT build (<c>dotnet tr-daemon.dll</c>) or a published binary (<see cref="PublishedSidecars"/>),
/// natively or through its emulator. Theories take the row's <see cref="Label"/> and resolve it here; what differs per
/// platform (line endings, paths, Unix modes, patience) is asked of the target, so each row asserts its own platform.
/// </summary>
internal sealed record DaemonTarget(string Label, IReadOnlyList<string> Command, PublishedSidecar? Binary)
{
    public const string JitLabel = "jit";
    private const string NoPublishedBinariesLabel = "published (none listed)";

    /// <summary>One row for the JIT build, then one per published binary (or one that skips, saying why).</summary>
    public static TheoryData<string> Labels
    {
        get
        {
            var labels = new TheoryData<string> { JitLabel };
            var published = PublishedSidecars.Daemons;
            if (published.Count == 0)
            {
                labels.Add(NoPublishedBinariesLabel);
            }

            foreach (var binary in published)
            {
                labels.Add(binary.Label);
            }

            return labels;
        }
    }

    /// <summary>A Windows binary (under Wine here, or anything on a Windows machine).</summary>
    public bool IsWindows => Binary?.IsWindows ?? OperatingSystem.IsWindows();

    /// <summary>Whether files carry Unix modes on the daemon's platform (not on Windows, where ACLs of the user profile keep them private).</summary>
    public bool HasUnixModes => !IsWindows;

    /// <summary>What the daemon's <c>Console.WriteLine</c> ends a line with.</summary>
    public string NewLine => Binary?.NewLine ?? Environment.NewLine;

    /// <summary>How long one wait for this daemon may take (a start, a reply, an exit).</summary>
    public TimeSpan Patience => Binary?.StartPatience ?? TimeSpan.FromSeconds(60);

    /// <summary>The daemon for a row; skips the test when the row stands for published binaries nobody listed.</summary>
    public static DaemonTarget Resolve(string label)
    {
        if (label == JitLabel)
        {
            return Jit();
        }

        Assert.SkipWhen(label == NoPublishedBinariesLabel, $"No published tr-daemon binary is listed, so none is tested. {PublishedSidecars.HowToList} The build's Test target does.");
        var binary = PublishedSidecars.Find(PublishedSidecar.DaemonName, label);
        Assert.True(File.Exists(binary.Path), $"{label} names {binary.Path}, which does not exist.");
        return new DaemonTarget(label, binary.Command([]), binary);
    }

    /// <summary>The command that starts the daemon with <paramref name="arguments"/>, with its emulator's environment.</summary>
    public ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        if (Binary is not null)
        {
            return Binary.StartInfo(arguments);
        }

        var start = new ProcessStartInfo(Command[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in Command.Skip(1).Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    /// <summary>A path of this machine as the daemon must be given it (Wine: <c>Z:\…</c>).</summary>
    public string PathSeenByDaemon(string path) => Binary?.PathSeenByBinary(path) ?? path;

    public override string ToString() => Label;

    private static DaemonTarget Jit()
    {
        var assembly = typeof(DaemonTarget).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "TrDaemonAssembly").Value;
        Assert.True(File.Exists(assembly), $"The JIT build of tr-daemon is missing at {assembly}; build tests/Prism.Daemon.Tests (it builds src/Prism.Daemon).");
        return new DaemonTarget(JitLabel, [DotnetHost.Path, assembly!], Binary: null);
    }
}
