namespace Prism.Benchmarks;

/// <summary>The harness's command line: which daemons and hosts (each maybe behind an emulator), how many cold starts each, and whether to measure the Python floors.</summary>
internal sealed record BenchmarkOptions(IReadOnlyList<Subject> Binaries, int Runs, bool PythonFloor = true)
{
    public const int DefaultRuns = 15;

    public const string Usage = """
        Usage: Prism.Benchmarks [--daemon <label>=<path> ...] [--host <label>=<path> ...] [--prefix <label>=<word> ...] [--runs N] [--no-floor]
          --daemon   a tr-daemon binary (or tr-daemon.dll, run with dotnet) to measure; repeatable.
          --host     a prism host binary (or prism.dll) to measure; repeatable.
                     Labels starting with "aot" are held to the Native AOT goals, labels starting with
                     "single-file" to the single-file goals. Two labels that differ only in the word "aot"
                     against "single-file" are compared (Native AOT cold start as a fraction of the single file's).
          --prefix   a word to start binary <label> behind, such as its emulator (qemu-aarch64, wine64) and
                     that emulator's arguments; repeatable, in order. The environment is passed on as given.
          --runs     cold starts per binary (default 15)
          --no-floor leave out the Python floors (for emulated binaries, which no native floor compares to)
        """;

    /// <summary>Parses the arguments; throws <see cref="UsageException"/> saying what is wrong.</summary>
    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var binaries = new List<Subject>();
        var prefixes = new List<(string Label, string Word)>();
        var runs = DefaultRuns;
        var pythonFloor = true;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--no-floor")
            {
                pythonFloor = false;
                continue;
            }

            var value = i + 1 < args.Count ? args[i + 1] : throw new UsageException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--prefix":
                    prefixes.Add(SplitLabel(args[i], value, "--prefix linux-arm64=qemu-aarch64"));
                    break;
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

        if (binaries.Count == 0)
        {
            throw new UsageException("Name at least one --daemon or --host <label>=<path>.");
        }

        if (prefixes.FirstOrDefault(prefix => binaries.All(binary => binary.Label != prefix.Label)) is { Label: { } unknown })
        {
            throw new UsageException($"--prefix {unknown}: no --daemon or --host has that label.");
        }

        var started = binaries.Select(binary => binary.Behind([.. prefixes.Where(prefix => prefix.Label == binary.Label).Select(prefix => prefix.Word)])).ToList();
        return new BenchmarkOptions(started, runs, pythonFloor);
    }

    private static Subject ParseBinary(SubjectKind kind, string option, string value)
    {
        var (label, file) = SplitLabel(option, value, "aot=artifacts/publish/tr-daemon/linux-x64/tr-daemon");
        var path = System.IO.Path.GetFullPath(file);
        return File.Exists(path)
            ? Subject.Binary(kind, label, path)
            : throw new UsageException($"{option} {label}: {path} does not exist; publish it first.");
    }

    private static (string Label, string Value) SplitLabel(string option, string value, string example)
    {
        var equals = value.IndexOf('=', StringComparison.Ordinal);
        return equals <= 0 || equals == value.Length - 1
            ? throw new UsageException($"{option} '{value}' must look like <label>=<value>, e.g. {example}.")
            : (value[..equals], value[(equals + 1)..]);
    }
}

/// <summary>A mistake on the command line: printed with the usage, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
