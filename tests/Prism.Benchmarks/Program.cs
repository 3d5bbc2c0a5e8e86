using Prism.Benchmarks;

try
{
    var options = BenchmarkOptions.Parse(args);
    var python3 = options.PythonFloor ? PythonFloor.FindPython() : null;
    if (python3 is null && options.PythonFloor)
    {
        Console.Error.WriteLine("No python3 on PATH: the Python floors and the ratios are left out.");
    }

    foreach (var kind in options.Binaries.Select(binary => binary.Kind).Distinct())
    {
        var binaries = new List<Measurement>();
        foreach (var binary in options.Binaries.Where(binary => binary.Kind == kind))
        {
            Console.Error.WriteLine($"Measuring {kind} {binary.Label} ({binary.CommandLine}) ...");
            binaries.Add(new Measurement(binary, ColdStart.Measure(binary, options.Runs)));
        }

        Measurement? floor = null;
        if (python3 is not null)
        {
            var script = PythonFloor.For(kind, python3);
            Console.Error.WriteLine($"Measuring the {kind} Python floor ({python3}) ...");
            try
            {
                floor = new Measurement(script, ColdStart.Measure(script, options.Runs));
            }
            finally
            {
                PythonFloor.Delete(script);
            }
        }

        Report.Print(kind, binaries, floor, options.Runs, Console.Out);
    }

    return 0;
}
catch (UsageException usage)
{
    Console.Error.WriteLine($"Prism.Benchmarks: {usage.Message}");
    Console.Error.WriteLine(BenchmarkOptions.Usage);
    return 2;
}
catch (Exception exception) when (exception is InvalidOperationException or TimeoutException or IOException or HttpRequestException or System.ComponentModel.Win32Exception)
{
    Console.Error.WriteLine($"Prism.Benchmarks: {exception.Message}");
    return 1;
}
