using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Prism.Platform;

namespace Prism.Host.Tests;

/// <summary>
/// The real host's from-source search (daemon-protocol.md, "Sidecar resolution in the host"), run with no
/// PRISM_DAEMON_PATH from a copy of the repository's layout in a temp folder: its own build output under
/// src/Prism.Host/bin, the daemon's under src/Prism.Daemon/bin, and src-tauri/binaries. Whatever this checkout has
/// staged cannot be picked, so each test knows which daemon must run.
/// </summary>
public sealed class FromSourceLookupTests : IDisposable
{
    private readonly TemporaryFolder repository = new();
    private readonly string hostFolder;
    private readonly string daemonDll;

    public FromSourceLookupTests()
    {
        // The same configuration and target framework folders as the build under test (…/bin/Debug/net10.0).
        var targetFramework = Path.GetFileName(BuildOutputs.HostFolder);
        var configuration = Path.GetFileName(Path.GetDirectoryName(BuildOutputs.HostFolder))!;
        hostFolder = CopyFolder(BuildOutputs.HostFolder, repository.Folder($"src/Prism.Host/bin/{configuration}/{targetFramework}"));
        repository.File("src/Prism.Daemon/Prism.Daemon.csproj", executable: false);
        var daemonFolder = CopyFolder(Path.GetDirectoryName(BuildOutputs.DaemonDll)!, repository.Folder($"src/Prism.Daemon/bin/{configuration}/{targetFramework}"));
        daemonDll = Path.Combine(daemonFolder, Path.GetFileName(BuildOutputs.DaemonDll));
        repository.Folder("src-tauri/binaries");
    }

    public void Dispose() => repository.Dispose();

    [Fact]
    public async Task A_daemon_staged_in_src_tauri_binaries_is_run_before_the_build_output()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "The staged stand-in is a shell script.");
        // A stand-in for a staged native daemon: it leaves a mark, then becomes the daemon of the copied build output.
        var mark = Path.Combine(repository.Path, "staged-daemon-ran");
        var staged = repository.Script($"src-tauri/binaries/{SidecarFileNames.Staged("tr-daemon", CurrentRuntime.Triple)}",
            $"echo ran > '{mark}'\nexec '{DotnetHost.Path}' '{daemonDll}' \"$@\"");

        await using var host = await HostProcess.StartAsync(hostFolder: hostFolder, workingDirectory: hostFolder, searchForDaemon: true);
        var status = await StatusAsync(host);

        Assert.Equal("idle", status.GetProperty("status").GetString());
        Assert.True(File.Exists(mark), $"The staged daemon {staged} did not run. The log:{Environment.NewLine}{host.Log}");
        await host.WaitForLogAsync(new Regex($@"is ready \(pid \d+, protocol 1\), started from {Regex.Escape(staged)} \(staging folder src-tauri/binaries\)"));
    }

    [Fact]
    public async Task Without_a_staged_daemon_the_daemon_build_output_of_the_hosts_repository_runs_with_dotnet()
    {
        await using var host = await HostProcess.StartAsync(hostFolder: hostFolder, workingDirectory: hostFolder, searchForDaemon: true);
        var status = await StatusAsync(host);

        Assert.Equal("idle", status.GetProperty("status").GetString());
        // The copy in this test's folder: not the checkout's own build output, nor anything it staged.
        await host.WaitForLogAsync(new Regex($@"is ready \(pid \d+, protocol 1\), started from \S+ {Regex.Escape(daemonDll)} \(build output, run with dotnet\)"));
    }

    [Fact]
    public async Task A_host_started_as_its_own_executable_runs_the_daemon_with_dotnet_by_absolute_path_never_one_in_the_working_directory()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "The planted dotnet is a shell script.");
        // The installation running these tests: <root>/shared/Microsoft.NETCore.App/<version>/ is its runtime folder.
        var dotnetRoot = Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        Assert.SkipUnless(File.Exists(Path.Combine(dotnetRoot, "dotnet")), $"The runtime of these tests is not in a dotnet installation ({dotnetRoot} holds no dotnet) to name in DOTNET_ROOT.");
        // Whoever can put a file named dotnet in the folder prism is started from: it must never run.
        var planted = repository.Folder("downloads");
        var mark = Path.Combine(repository.Path, "planted-dotnet-ran");
        repository.Script("downloads/dotnet", $"echo ran > '{mark}'\nexit 1");

        await using var host = await HostProcess.StartAsync(new Dictionary<string, string?>
            {
                // As `dotnet run` leaves it: no muxer running prism, and DOTNET_ROOT naming the installation.
                ["DOTNET_HOST_PATH"] = null,
                ["DOTNET_ROOT"] = dotnetRoot,
            },
            hostFolder: hostFolder, workingDirectory: planted, searchForDaemon: true, appHost: true);
        var status = await StatusAsync(host);

        Assert.Equal("idle", status.GetProperty("status").GetString());
        Assert.False(File.Exists(mark), $"The dotnet in the working directory ran. The log:{Environment.NewLine}{host.Log}");
        await host.WaitForLogAsync(new Regex($@"is ready \(pid \d+, protocol 1\), started from {Regex.Escape(Path.Combine(dotnetRoot, "dotnet"))} {Regex.Escape(daemonDll)} \(build output, run with dotnet\)"));
    }

    private static async Task<JsonElement> StatusAsync(HostProcess host)
    {
        using var response = await host.SendAsync(HttpMethod.Get, "/api/status");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"/api/status answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }

    /// <summary>Copies every file below <paramref name="source"/> into <paramref name="target"/>; returns <paramref name="target"/>.</summary>
    private static string CopyFolder(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        return target;
    }
}
