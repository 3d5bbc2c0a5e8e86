using Prism.Host.Bridge;

namespace Prism.Host.Tests.Bridge;

/// <summary>Which dotnet runs a tr-daemon.dll: always one named by an absolute path, in the order of the contract.</summary>
public sealed class DotnetExecutableTests : IDisposable
{
    private static readonly string FileName = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";

    private readonly TemporaryFolder root = new();

    public void Dispose() => root.Dispose();

    [Fact]
    public void The_muxer_running_the_host_comes_first()
    {
        var muxer = Dotnet("muxer");

        var found = DotnetExecutable.Find(muxer, Variables(hostPath: Dotnet("host-path"), dotnetRoot: Folder("root"), path: Folder("on-path")));

        Assert.Equal(muxer, found);
    }

    [Fact]
    public void Then_DOTNET_HOST_PATH_then_DOTNET_ROOT_then_PATH()
    {
        var apphost = Path.Combine(root.Folder("app"), "prism");
        var hostPath = Dotnet("host-path");
        var dotnetRoot = Folder("root");
        var onPath = Folder("on-path");

        Assert.Equal(hostPath, DotnetExecutable.Find(apphost, Variables(hostPath, dotnetRoot, onPath)));
        Assert.Equal(Path.Combine(dotnetRoot, FileName), DotnetExecutable.Find(apphost, Variables(hostPath: null, dotnetRoot, onPath)));
        Assert.Equal(Path.Combine(onPath, FileName), DotnetExecutable.Find(apphost, Variables(hostPath: null, dotnetRoot: null, onPath)));
    }

    [Fact]
    public void Relative_names_and_empty_path_entries_which_mean_the_working_directory_are_never_taken()
    {
        var apphost = Path.Combine(root.Folder("app"), "prism");
        var onPath = Folder("on-path");
        var separator = Path.PathSeparator;

        var found = DotnetExecutable.Find(apphost, Variables(hostPath: FileName, dotnetRoot: ".", path: $"{separator}.{separator}bin{separator}{onPath}"));

        Assert.Equal(Path.Combine(onPath, FileName), found);
        Assert.Null(DotnetExecutable.Find(apphost, Variables(hostPath: FileName, dotnetRoot: ".", path: $"{separator}.{separator}bin")));
    }

    /// <summary>An executable named dotnet in a new folder of <paramref name="name"/>; returns its path.</summary>
    private string Dotnet(string name) => root.File(Path.Combine(name, FileName));

    /// <summary>A new folder of <paramref name="name"/> holding an executable dotnet; returns the folder.</summary>
    private string Folder(string name) => Path.GetDirectoryName(Dotnet(name))!;

    private static Func<string, string?> Variables(string? hostPath, string? dotnetRoot, string? path) => name => name switch
    {
        "DOTNET_HOST_PATH" => hostPath,
        "DOTNET_ROOT" => dotnetRoot,
        "PATH" => path,
        _ => null,
    };
}
