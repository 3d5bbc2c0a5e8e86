using Prism.Host.Bridge;

namespace Prism.Host.Tests.Bridge;

/// <summary>The resolution order of daemon-protocol.md, each layout laid out with real files in a temp folder.</summary>
public sealed class DaemonLocatorTests : IDisposable
{
    private const string LinuxTriple = "x86_64-unknown-linux-gnu";
    private const string WindowsTriple = "x86_64-pc-windows-msvc";

    private readonly TemporaryFolder root = new();

    public void Dispose() => root.Dispose();

    [Fact]
    public void Override_is_used_even_when_a_bundled_daemon_sits_next_to_the_host()
    {
        var host = root.Folder("app");
        root.File("app/tr-daemon");
        var chosen = root.File("elsewhere/my-daemon");

        var spec = DaemonLocator.Locate(Facts(host) with { OverridePath = chosen });

        Assert.Equal(chosen, spec.FileName);
        Assert.Empty(spec.Arguments);
    }

    [Fact]
    public void Override_naming_a_missing_file_fails_with_that_path_instead_of_searching()
    {
        var host = root.Folder("app");
        root.File("app/tr-daemon");
        var missing = Path.Combine(root.Path, "nowhere", "tr-daemon");

        var error = Assert.Throws<DaemonNotFoundException>(() => DaemonLocator.Locate(Facts(host) with { OverridePath = missing }));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains("PRISM_DAEMON_PATH", error.Message, StringComparison.Ordinal);
        Assert.Single(error.Tried);
    }

    [Fact]
    public void Override_naming_a_dll_runs_it_with_dotnet()
    {
        var dll = root.File("build/tr-daemon.dll", executable: false);

        var spec = DaemonLocator.Locate(Facts(root.Folder("app")) with { OverridePath = dll, DotnetHost = "/opt/dotnet/dotnet" });

        Assert.Equal("/opt/dotnet/dotnet", spec.FileName);
        Assert.Equal([dll], spec.Arguments);
    }

    [Fact]
    public void Bundled_name_without_triple_next_to_the_host_is_found_with_exe_on_windows()
    {
        var host = root.Folder("bundle");
        var bundled = root.File("bundle/tr-daemon.exe");

        var spec = DaemonLocator.Locate(Facts(host, triple: WindowsTriple));

        Assert.Equal(bundled, spec.FileName);
    }

    [Fact]
    public void Bundled_name_wins_over_the_staged_name_next_to_the_host()
    {
        var host = root.Folder("bundle");
        var bundled = root.File("bundle/tr-daemon");
        root.File($"bundle/tr-daemon-{LinuxTriple}");

        var spec = DaemonLocator.Locate(Facts(host));

        Assert.Equal(bundled, spec.FileName);
    }

    [Fact]
    public void Staged_name_with_the_process_triple_next_to_the_host_is_found()
    {
        var host = root.Folder("staging");
        root.File("staging/tr-daemon-x86_64-unknown-linux-gnu");
        var arm = root.File("staging/tr-daemon-aarch64-unknown-linux-gnu");

        var spec = DaemonLocator.Locate(Facts(host, triple: "aarch64-unknown-linux-gnu"));

        Assert.Equal(arm, spec.FileName);
    }

    [Fact]
    public void Staged_name_in_src_tauri_binaries_is_found_from_a_host_under_src_tauri_target()
    {
        var host = root.Folder("project/src-tauri/target/debug");
        var staged = root.File($"project/src-tauri/binaries/tr-daemon-{LinuxTriple}");

        var spec = DaemonLocator.Locate(Facts(host, currentDirectory: root.Folder("somewhere-else")));

        Assert.Equal(staged, spec.FileName);
    }

    [Fact]
    public void Staged_name_in_src_tauri_binaries_is_found_from_the_current_directory()
    {
        var host = root.Folder("installed/app");
        var staged = root.File($"project/src-tauri/binaries/tr-daemon-{LinuxTriple}");

        var spec = DaemonLocator.Locate(Facts(host, currentDirectory: root.Folder("project/docs")));

        Assert.Equal(staged, spec.FileName);
    }

    [Fact]
    public void Build_output_of_the_daemon_project_runs_with_dotnet_when_the_host_runs_from_source()
    {
        root.File("repo/src/Prism.Daemon/Prism.Daemon.csproj", executable: false);
        var dll = root.File("repo/src/Prism.Daemon/bin/Debug/net10.0/tr-daemon.dll", executable: false);
        var host = root.Folder("repo/src/Prism.Host/bin/Debug/net10.0");

        var spec = DaemonLocator.Locate(Facts(host) with { RunningFromSource = true, DotnetHost = "/usr/bin/dotnet" });

        Assert.Equal("/usr/bin/dotnet", spec.FileName);
        Assert.Equal([dll], spec.Arguments);
    }

    [Fact]
    public void Build_output_of_the_other_configuration_is_found_after_the_hosts_own()
    {
        root.File("repo/src/Prism.Daemon/Prism.Daemon.csproj", executable: false);
        var release = root.File("repo/src/Prism.Daemon/bin/Release/net10.0/tr-daemon.dll", executable: false);

        var spec = DaemonLocator.Locate(Facts(root.Folder("repo/src/Prism.Host/bin/Debug/net10.0")) with { RunningFromSource = true });

        Assert.Equal([release], spec.Arguments);
    }

    [Fact]
    public void Build_output_is_not_tried_by_a_published_host()
    {
        root.File("repo/src/Prism.Daemon/Prism.Daemon.csproj", executable: false);
        root.File("repo/src/Prism.Daemon/bin/Debug/net10.0/tr-daemon.dll", executable: false);

        var error = Assert.Throws<DaemonNotFoundException>(() => DaemonLocator.Locate(Facts(root.Folder("repo/publish")) with { RunningFromSource = false }));

        Assert.Contains("not tried: this prism is a published single-file/Native AOT executable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_daemon_anywhere_fails_listing_every_path_tried_and_how_to_build_it()
    {
        root.File("repo/src/Prism.Daemon/Prism.Daemon.csproj", executable: false);
        root.Folder("repo/src-tauri/binaries");
        var host = root.Folder("repo/src/Prism.Host/bin/Debug/net10.0");

        var error = Assert.Throws<DaemonNotFoundException>(() => DaemonLocator.Locate(Facts(host) with { RunningFromSource = true }));

        string[] expected =
        [
            Path.Combine(host, "tr-daemon"),
            Path.Combine(host, $"tr-daemon-{LinuxTriple}"),
            Path.Combine(root.Path, "repo", "src-tauri", "binaries", $"tr-daemon-{LinuxTriple}"),
            Path.Combine(root.Path, "repo", "src", "Prism.Daemon", "bin", "Debug", "net10.0", "tr-daemon.dll"),
            Path.Combine(root.Path, "repo", "src", "Prism.Daemon", "bin", "Release", "net10.0", "tr-daemon.dll"),
        ];
        Assert.Equal(expected, error.Tried.Select(tried => tried.Path));
        Assert.All(expected, path => Assert.Contains(path, error.Message, StringComparison.Ordinal));
        Assert.Contains("./build.sh Stage", error.Message, StringComparison.Ordinal);
        Assert.Contains("dotnet build src/Prism.Daemon", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_daemon_file_without_execute_permission_is_skipped_and_reported()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Execute permission is a Unix file mode.");
        var host = root.Folder("bundle");
        var notExecutable = root.File("bundle/tr-daemon", executable: false);
        var staged = root.File($"bundle/tr-daemon-{LinuxTriple}");

        var spec = DaemonLocator.Locate(Facts(host));

        Assert.Equal(staged, spec.FileName);
        var error = Assert.Throws<DaemonNotFoundException>(() => DaemonLocator.Locate(Facts(root.Folder("empty")) with { OverridePath = notExecutable }));
        Assert.Contains($"chmod +x {notExecutable}", error.Message, StringComparison.Ordinal);
    }

    private static LocatorFacts Facts(string hostDirectory, string? currentDirectory = null, string triple = LinuxTriple) =>
        new(hostDirectory, currentDirectory ?? hostDirectory, OverridePath: null, triple, RunningFromSource: false, Configuration: "Debug", TargetFramework: "net10.0", DotnetHost: "dotnet");
}
