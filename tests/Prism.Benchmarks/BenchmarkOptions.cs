namespace Prism.Benchmarks;

/// <summary>The harness's command line: which daemons and hosts, how many cold starts each.</summary>
internal sealed record BenchmarkOptions(IReadOnlyList<Subject> Binaries, int Runs)
{
    public const int DefaultRuns = 15;

    public const string Usage = """
        Usage: Prism.Benchmarks [--daemon <label>=<path> ...] [--host <label>=<path> ...] [--runs N]
          --daemon   a tr-daemon binary (or tr-daemon.dll, run with dotnet) to measure; repeatable.
          --host     a prism host binary (or prism.dll) to measure; repeatable.
                     Labels starting with "aot" are held to the Native AOT goals, labels starting with
                     "single-file" to the single-file goals.
          --runs     cold starts per binary (default 15)
        """;

    /// <summary>Parses the arguments; throws <see cref="UsageException"/> saying what is wrong.</summary>
    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var binaries = new List<Subject>();
        var runs = DefaultRuns;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : throw new UsageException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--daemon":
                    binaries.Add(ParseBinary(SubjectKind.Daemon, args[i], value));
                    break;
                case "--host":
                    binaries.Add(ParseBinary(SubjectKind.Host, args[i], value));
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

        return binaries.Count > 0 ? new BenchmarkOptions(binaries, runs) : throw new UsageException("Name at least one --daemon or --host <label>=<path>.");
    }

    private static Subject ParseBinary(SubjectKind kind, string option, string value)
    {
        var equals = value.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || equals == value.Length - 1)
        {
            throw new UsageException($"{option} '{value}' must look like <label>=<path>, e.g. aot=artifacts/publish/tr-daemon/linux-x64/tr-daemon.");
        }

        var path = System.IO.Path.GetFullPath(value[(equals + 1)..]);
        return File.Exists(path)
            ? Subject.Binary(kind, value[..equals], path)
            : throw new UsageException($"{option} {value[..equals]}: {path} does not exist; publish it first.");
    }
}

/// <summary>A mistake on the command line: printed with the usage, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
