using System.Reflection;

namespace Prism.Daemon.Tests.Support;

/// <summary>
/// A tr-daemon to test: the JIT build (<c>dotnet tr-daemon.dll</c>) or a published binary from
/// <c>PRISM_TEST_DAEMON_BINARIES</c>. Theories take the row's <see cref="Label"/> and resolve it here.
/// </summary>
internal sealed record DaemonTarget(string Label, string FileName, IReadOnlyList<string> LeadingArguments)
{
    public const string BinariesVariable = "PRISM_TEST_DAEMON_BINARIES";
    public const string JitLabel = "jit";
    private const string NoPublishedBinariesLabel = "published (none listed)";
    private const string PublishedPrefix = "published: ";

    /// <summary>One row for the JIT build, then one per published binary (or one that skips, saying why).</summary>
    public static TheoryData<string> Labels
    {
        get
        {
            var labels = new TheoryData<string> { JitLabel };
            var published = PublishedBinaries();
            if (published.Count == 0)
            {
                labels.Add(NoPublishedBinariesLabel);
            }

            foreach (var binary in published)
            {
                labels.Add(PublishedPrefix + binary);
            }

            return labels;
        }
    }

    /// <summary>The daemon for a row; skips the test when the row stands for published binaries nobody listed.</summary>
    public static DaemonTarget Resolve(string label)
    {
        if (label == JitLabel)
        {
            return Jit();
        }

        if (label == NoPublishedBinariesLabel)
        {
            Assert.Skip($"{BinariesVariable} is not set, so no published tr-daemon binary is tested. Set it to the binaries' paths, separated by '{Path.PathSeparator}' (the build's Test target does).");
        }

        var path = label[PublishedPrefix.Length..];
        Assert.True(File.Exists(path), $"{BinariesVariable} lists {path}, which does not exist.");
        return new DaemonTarget(label, path, []);
    }

    private static DaemonTarget Jit()
    {
        var assembly = typeof(DaemonTarget).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "TrDaemonAssembly").Value;
        Assert.True(File.Exists(assembly), $"The JIT build of tr-daemon is missing at {assembly}; build tests/Prism.Daemon.Tests (it builds src/Prism.Daemon).");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        return new DaemonTarget(JitLabel, dotnet, [assembly!]);
    }

    private static List<string> PublishedBinaries() =>
        (Environment.GetEnvironmentVariable(BinariesVariable) ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToList();
}
