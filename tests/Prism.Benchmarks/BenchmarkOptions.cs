namespace Prism.Benchmarks;

/// <summary>A binary to measure, named for the report.</summary>
internal sealed record DaemonUnderTest(string Label, string Path);

/// <summary>The harness's command line: which daemons, how many cold starts each.</summary>
internal sealed record BenchmarkOptions(IReadOnlyList<DaemonUnderTest> Daemons, int Runs)
{
    public const int DefaultRuns = 15;

    public const string Usage = """
        Usage: Prism.Benchmarks --daemon <label>=<path> [--daemon <label>=<path> ...] [--runs N]
          --daemon   a tr-daemon binary (or tr-daemon.dll, run with dotnet) to measure; repeatable.
                     Labels starting with "aot" are held to the Native AOT goals, labels starting with
                     "single-file" to the single-file goals.
          --runs     cold starts per binary (default 15)
        """;

    /// <summary>Parses the arguments; throws <see cref="UsageException"/> saying what is wrong.</summary>
    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var daemons = new List<DaemonUnderTest>();
        var runs = DefaultRuns;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : throw new UsageException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--daemon":
                    daemons.Add(ParseDaemon(value));
                    break;
                case "--runs" when int.TryParse(value, out var parsed) && parsed > 0:
                    runs = parsed;
                    break;
                case "--runs":
                    throw new UsageException($"--runs '{value}' is not a positive whole number.");
                default:
                    throw new UsageException($"Unknown argument '{args[i]}'.");
            }

            i++;
        }

        return daemons.Count > 0 ? new BenchmarkOptions(daemons, runs) : throw new UsageException("Name at least one --daemon <label>=<path>.");
    }

    private static DaemonUnderTest ParseDaemon(string value)
    {
        var equals = value.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || equals == value.Length - 1)
        {
            throw new UsageException($"--daemon '{value}' must look like <label>=<path>, e.g. aot=artifacts/aot/tr-daemon.");
        }

        var path = System.IO.Path.GetFullPath(value[(equals + 1)..]);
        return File.Exists(path)
            ? new DaemonUnderTest(value[..equals], path)
            : throw new UsageException($"--daemon {value[..equals]}: {path} does not exist; publish it first.");
    }
}

/// <summary>A mistake on the command line: printed with the usage, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
