using System.Runtime.Versioning;
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
    public void Staged_name_in_src_tauri_binaries_is_found_by_a_host_run_from_source_under_the_project()
    {
        var host = root.Folder("project/src-tauri/target/debug");
        var staged = root.File($"project/src-tauri/binaries/tr-daemon-{LinuxTriple}");

        var spec = DaemonLocator.Locate(Facts(host, currentDirectory: root.Folder("somewhere-else")) with { RunningFromSource = true });

        Assert.Equal(staged, spec.FileName);
    }

    [Fact]
    public void A_published_host_looks_for_no_src_tauri_binaries_above_itself()
    {
        var host = root.Folder("project/src-tauri/target/debug");
        root.File($"project/src-tauri/binaries/tr-daemon-{LinuxTriple}");

        var error = Assert.Throws<DaemonNotFoundException>(() => DaemonLocator.Locate(Facts(host)));

        Assert.Equal([Path.Combine(host, "tr-daemon"), Path.Combine(host, $"tr-daemon-{LinuxTriple}")], error.Tried.Where(tried => Path.IsPathRooted(tried.Path)).Select(tried => tried.Path));
        Assert.Contains("which runs only a tr-daemon next to itself", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Nothing_is_looked_for_relative_to_the_working_directory(bool runningFromSource)
    {
        // A project with a staged daemon and a daemon build output where prism happens to be started, not where it is.
        root.File($"downloads/src-tauri/binaries/tr-daemon-{LinuxTriple}");
        root.File("downloads/src/Prism.Daemon/Prism.Daemon.csproj", executable: false);
        root.File("downloads/src/Prism.Daemon/bin/Debug/net10.0/tr-daemon.dll", executable: false);
        var host = root.Folder("installed/app");

        var error = Assert.Throws<DaemonNotFoundException>(() => DaemonLocator.Locate(Facts(host, currentDirectory: root.Folder("downloads")) with { RunningFromSource = runningFromSource }));

        Assert.DoesNotContain(error.Tried, tried => tried.Path.Contains("downloads", StringComparison.Ordinal));
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

    [Theory]
    [InlineData("bundle/tr-daemon", UnixFileMode.GroupWrite, "file", "its group")]
    [InlineData("bundle/tr-daemon", UnixFileMode.OtherWrite, "file", "every user")]
    [InlineData("bundle", UnixFileMode.OtherWrite | UnixFileMode.StickyBit, "folder", "every user")]
    [UnsupportedOSPlatform("windows")]
    public void A_daemon_next_to_the_host_that_others_may_change_is_refused_and_nothing_else_is_run(string changeable, UnixFileMode extra, string kind, string who)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Write access for others is checked on Unix mode bits.");
        var host = root.Folder("bundle");
        root.File("bundle/prism");
        var bundled = root.File("bundle/tr-daemon");
        root.File($"bundle/tr-daemon-{LinuxTriple}");
        var loosened = Path.Combine(root.Path, changeable);
        File.SetUnixFileMode(loosened, File.GetUnixFileMode(loosened) | extra);

        var error = Assert.Throws<DaemonNotFoundException>(() => DaemonLocator.Locate(Facts(host)));

        Assert.Equal([bundled], error.Tried.Select(tried => tried.Path));
        Assert.Contains($"the {kind} {Path.GetFullPath(loosened)} may be changed by {who}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"chmod go-w {Path.GetFullPath(loosened)}", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("tr-daemon was found but not run, because other users may change it.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void A_daemon_its_group_may_change_is_run_next_to_a_host_its_group_may_change_too_but_not_one_anyone_may_change()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Write access for others is checked on Unix mode bits.");
        // tauri dev under umask 002 with per-user groups: target/debug 775 with prism and tr-daemon 775 in it.
        var groupWritable = (UnixFileMode)Convert.ToInt32("775", 8);
        var host = root.Folder("target/debug");
        var prism = root.File("target/debug/prism");
        var bundled = root.File("target/debug/tr-daemon");
        foreach (var path in new[] { host, prism, bundled })
        {
            File.SetUnixFileMode(path, groupWritable);
        }

        Assert.Equal(bundled, DaemonLocator.Locate(Facts(host)).FileName);

        File.SetUnixFileMode(bundled, groupWritable | UnixFileMode.OtherWrite);
        var error = Assert.Throws<DaemonNotFoundException>(() => DaemonLocator.Locate(Facts(host)));
        Assert.Contains($"the file {bundled} may be changed by every user", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void A_daemon_its_group_may_change_next_to_a_host_only_its_owner_may_change_is_refused()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Write access for others is checked on Unix mode bits.");
        var host = root.Folder("bundle");
        root.File("bundle/prism");
        var bundled = root.File("bundle/tr-daemon");
        File.SetUnixFileMode(host, (UnixFileMode)Convert.ToInt32("755", 8));
        File.SetUnixFileMode(bundled, (UnixFileMode)Convert.ToInt32("775", 8));

        var error = Assert.Throws<DaemonNotFoundException>(() => DaemonLocator.Locate(Facts(host)));

        Assert.Contains($"the file {bundled} may be changed by its group", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void A_symbolic_link_to_a_daemon_in_a_folder_others_may_change_is_refused()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Write access for others is checked on Unix mode bits.");
        var target = root.File("shared/tr-daemon");
        File.SetUnixFileMode(Path.GetDirectoryName(target)!, (UnixFileMode)Convert.ToInt32("777", 8));
        var host = root.Folder("bundle");
        File.CreateSymbolicLink(Path.Combine(host, "tr-daemon"), target);

        var error = Assert.Throws<DaemonNotFoundException>(() => DaemonLocator.Locate(Facts(host)));

        Assert.Contains($"the folder {Path.GetDirectoryName(target)} may be changed by every user", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void Build_output_a_group_may_change_is_run_but_one_anyone_may_change_is_refused()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Write access for others is checked on Unix mode bits.");
        root.File("repo/src/Prism.Daemon/Prism.Daemon.csproj", executable: false);
        var dll = root.File("repo/src/Prism.Daemon/bin/Debug/net10.0/tr-daemon.dll", executable: false);
        var output = Path.GetDirectoryName(dll)!;
        var facts = Facts(root.Folder("repo/src/Prism.Host/bin/Debug/net10.0")) with { RunningFromSource = true };

        // umask 002 with per-user groups: the sources are just as writable by the group, so refusing would protect nothing.
        File.SetUnixFileMode(output, (UnixFileMode)Convert.ToInt32("775", 8));
        Assert.Equal([dll], DaemonLocator.Locate(facts).Arguments);

        File.SetUnixFileMode(output, (UnixFileMode)Convert.ToInt32("777", 8));
        var error = Assert.Throws<DaemonNotFoundException>(() => DaemonLocator.Locate(facts));
        Assert.Contains($"the folder {output} may be changed by every user", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("shared/my-daemon", "file")]
    [InlineData("shared", "folder")]
    [UnsupportedOSPlatform("windows")]
    public void An_override_that_other_users_may_change_is_refused_as_a_found_daemon_is(string changeable, string kind)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Write access for others is checked on Unix mode bits.");
        // A leftover PRISM_DAEMON_PATH naming a file in a shared folder (/tmp, a download folder): whoever may replace
        // the file chooses the program that receives the phone, the PIN and the codes.
        var chosen = root.File("shared/my-daemon");
        var loosened = Path.Combine(root.Path, changeable);
        File.SetUnixFileMode(loosened, File.GetUnixFileMode(loosened) | UnixFileMode.OtherWrite);

        var error = Assert.Throws<DaemonNotFoundException>(() => DaemonLocator.Locate(Facts(root.Folder("app")) with { OverridePath = chosen }));

        Assert.StartsWith("tr-daemon was found but not run, because other users may change it.", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{chosen} (PRISM_DAEMON_PATH): refused: the {kind} {loosened} may be changed by every user", error.Message, StringComparison.Ordinal);
        Assert.Contains($"chmod go-w {loosened}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void An_override_dll_others_may_change_is_refused_too()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Write access for others is checked on Unix mode bits.");
        var dll = root.File("shared/tr-daemon.dll", executable: false);
        File.SetUnixFileMode(dll, File.GetUnixFileMode(dll) | UnixFileMode.OtherWrite);

        var error = Assert.Throws<DaemonNotFoundException>(() => DaemonLocator.Locate(Facts(root.Folder("app")) with { OverridePath = dll, DotnetHost = "/opt/dotnet/dotnet" }));

        Assert.Contains($"the file {dll} may be changed by every user", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_daemon_dll_without_a_dotnet_to_run_it_is_reported_with_where_dotnet_was_looked_for()
    {
        root.File("repo/src/Prism.Daemon/Prism.Daemon.csproj", executable: false);
        var dll = root.File("repo/src/Prism.Daemon/bin/Debug/net10.0/tr-daemon.dll", executable: false);
        var facts = Facts(root.Folder("repo/src/Prism.Host/bin/Debug/net10.0")) with { RunningFromSource = true, DotnetHost = null };

        var searched = Assert.Throws<DaemonNotFoundException>(() => DaemonLocator.Locate(facts));
        var chosen = Assert.Throws<DaemonNotFoundException>(() => DaemonLocator.Locate(facts with { OverridePath = dll }));

        foreach (var error in new[] { searched, chosen })
        {
            Assert.Contains($"{dll} (", error.Message, StringComparison.Ordinal);
            Assert.Contains("found, but there is no dotnet to run it with in the process running prism, DOTNET_HOST_PATH, DOTNET_ROOT and the absolute folders of PATH", error.Message, StringComparison.Ordinal);
        }
    }

    private static LocatorFacts Facts(string hostDirectory, string? currentDirectory = null, string triple = LinuxTriple) =>
        new(hostDirectory, Path.Combine(hostDirectory, "prism"), currentDirectory ?? hostDirectory, OverridePath: null, triple, RunningFromSource: false, Configuration: "Debug", TargetFramework: "net10.0", DotnetHost: "/usr/share/dotnet/dotnet");
}
