using Prism.Benchmarks;

try
{
    var options = BenchmarkOptions.Parse(args);
    var binaries = new List<Measurement>();
    foreach (var daemon in options.Daemons)
    {
        Console.Error.WriteLine($"Measuring {daemon.Label} ({daemon.Path}) ...");
        var (fileName, arguments) = daemon.Path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? ("dotnet", new[] { daemon.Path })
            : (daemon.Path, Array.Empty<string>());
        binaries.Add(new Measurement(daemon.Label, new FileInfo(daemon.Path).Length, ColdStart.Measure(fileName, arguments, options.Runs)));
    }

    Measurement? python = null;
    if (PythonFloor.FindPython() is { } python3)
    {
        Console.Error.WriteLine($"Measuring the Python floor ({python3}) ...");
        var script = PythonFloor.WriteScript();
        try
        {
            python = new Measurement("python3 floor", null, ColdStart.Measure(python3, [script], options.Runs));
        }
        finally
        {
            File.Delete(script);
        }
    }
    else
    {
        Console.Error.WriteLine("No python3 on PATH: the Python floor and the ratios are left out.");
    }

    Report.Print(binaries, python, options.Runs, Console.Out);
    return 0;
}
catch (UsageException usage)
{
    Console.Error.WriteLine($"Prism.Benchmarks: {usage.Message}");
    Console.Error.WriteLine(BenchmarkOptions.Usage);
    return 2;
}
catch (Exception exception) when (exception is InvalidOperationException or TimeoutException or IOException or System.ComponentModel.Win32Exception)
{
    Console.Error.WriteLine($"Prism.Benchmarks: {exception.Message}");
    return 1;
}
