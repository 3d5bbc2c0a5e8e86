namespace Prism.TestSupport;

/// <summary>The <c>dotnet</c> that runs the JIT builds of the sidecars: the one running the tests.</summary>
public static class DotnetHost
{
    /// <summary>
    /// <c>DOTNET_HOST_PATH</c> (set by <c>dotnet test</c>), else this process when it is dotnet, else the dotnet of
    /// the installation whose runtime runs the tests (three folders above it), else <c>dotnet</c> from PATH.
    /// </summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        var executable = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } fromTest && File.Exists(fromTest))
        {
            return fromTest;
        }

        if (Environment.ProcessPath is { } self && System.IO.Path.GetFileName(self) == executable)
        {
            return self;
        }

        var installation = System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", "..", executable));
        return File.Exists(installation) ? installation : "dotnet";
    }
}
