using CliWrap;
using CliWrap.Buffered;
using Prism.Pipeline.Tools;
using Prism.Platform;

namespace Prism.Pipeline.Emulation;

/// <summary>
/// Finds out how this machine can execute each target triple's binaries. Emulators are looked for and asked for
/// their version, never assumed: foreign Linux architectures through qemu-user (called explicitly — the build never
/// registers binfmt_misc handlers) with that architecture's C library, libstdc++, zlib and OpenSSL installed, and
/// win-x64 through Wine on an x64 Linux machine. Everything else is "verified statically only", with the reason and,
/// where a package would change it, the command that installs it (Debian/Ubuntu).
/// </summary>
internal sealed class EmulationProbe(RuntimeTarget machine, EmulatorLocations locations)
{
    private static readonly TimeSpan VersionTimeout = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, Task<ExecutionRoute>> routes = new(StringComparer.Ordinal);

    /// <summary>This machine, searching the build's PATH and Debian's usual places.</summary>
    public static EmulationProbe ForThisMachine(IReadOnlyDictionary<string, string> environment) =>
        new(CurrentRuntime.Target, EmulatorLocations.ForThisMachine(environment));

    /// <summary>How binaries of <paramref name="triple"/> can run here (looked up once per triple).</summary>
    public Task<ExecutionRoute> RouteForAsync(string triple, CancellationToken cancellation = default)
    {
        lock (routes)
        {
            if (!routes.TryGetValue(triple, out var route))
            {
                route = FindRouteAsync(triple, cancellation);
                routes[triple] = route;
            }

            return route;
        }
    }

    private async Task<ExecutionRoute> FindRouteAsync(string triple, CancellationToken cancellation)
    {
        var os = TargetTable.OsOfTriple(triple);
        if (TargetTable.IsUniversalAppleDarwin(triple))
        {
            return machine.Os == TargetOs.MacOS ? ExecutionRoute.Native(triple) : NoEmulator(triple, os);
        }

        var target = TargetTable.ForTriple(triple);
        if (target.Rid == machine.Rid)
        {
            return ExecutionRoute.Native(triple);
        }

        if (machine.Os == TargetOs.Linux && os == TargetOs.Linux)
        {
            return target.IsMusl != machine.IsMusl
                ? ExecutionRoute.StaticOnly(triple, $"{target.Rid} needs {Libc(target)} and this {machine.Rid} machine runs {Libc(machine)}; run it on a {Libc(target)} system")
                : await QemuRouteAsync(target, cancellation);
        }

        return machine.Rid == "linux-x64" && target.Rid == "win-x64" ? await WineRouteAsync(target, cancellation) : NoEmulator(triple, os);
    }

    private ExecutionRoute NoEmulator(string triple, TargetOs os)
    {
        var name = os switch { TargetOs.MacOS => "macOS", _ => os.ToString() };
        return ExecutionRoute.StaticOnly(triple, $"{triple} needs {name} and this {machine.Rid} machine has no emulator for it; the CI's {name} job runs it");
    }

    private async Task<ExecutionRoute> QemuRouteAsync(RuntimeTarget target, CancellationToken cancellation)
    {
        var architecture = LinuxArchitecture.All.FirstOrDefault(candidate => candidate.Cpu == target.Architecture);
        if (architecture is null)
        {
            return ExecutionRoute.StaticOnly(target.Triple, $"no qemu-user emulator is known for {target.Architecture}");
        }

        var libraries = ForeignLibraries.Find(architecture, locations);
        var qemu = ExecutableSearch.Find(architecture.QemuProgram, locations.SearchPath);
        var missingPackages = (qemu is null ? ["qemu-user"] : Array.Empty<string>())
            .Concat(libraries.MissingPackages.Select(package => $"{package}:{architecture.DpkgArchitecture}"))
            .ToList();
        if (missingPackages.Count > 0)
        {
            var missing = string.Join(", ", (qemu is null ? [$"no {architecture.QemuProgram} on PATH"] : Array.Empty<string>()).Concat(libraries.Problems));
            var addArchitecture = libraries.MissingPackages.Count > 0 ? $"sudo dpkg --add-architecture {architecture.DpkgArchitecture} && " : "";
            return ExecutionRoute.StaticOnly(target.Triple, missing,
                $"{addArchitecture}sudo apt-get update && sudo apt-get install {string.Join(' ', missingPackages)}");
        }

        var version = await VersionAsync(qemu!, "version ", cancellation);
        return version is null
            ? ExecutionRoute.StaticOnly(target.Triple, $"{qemu} --version did not report a version", "sudo apt-get install --reinstall qemu-user")
            : ExecutionRoute.Emulated(target.Triple, new Emulator(EmulatorKind.QemuUser, qemu!, version), libraries.QemuArguments);
    }

    private async Task<ExecutionRoute> WineRouteAsync(RuntimeTarget target, CancellationToken cancellation)
    {
        var wine = new[] { ExecutableSearch.Find("wine64", locations.SearchPath) }
            .Concat(locations.WineLoaders.Where(File.Exists))
            .Append(ExecutableSearch.Find("wine", locations.SearchPath))
            .FirstOrDefault(candidate => candidate is not null);
        if (wine is null)
        {
            return ExecutionRoute.StaticOnly(target.Triple, "no Wine (wine64 or wine on PATH, or " + string.Join(", ", locations.WineLoaders) + ")",
                "sudo apt-get update && sudo apt-get install wine64");
        }

        // The server that belongs to this loader: beside it (Debian's /usr/lib/wine), else the one on PATH.
        var loaderFolder = Path.GetDirectoryName(new FileInfo(wine).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? wine)!;
        var server = new[] { Path.Combine(loaderFolder, "wineserver64"), Path.Combine(loaderFolder, "wineserver") }.FirstOrDefault(File.Exists)
                     ?? ExecutableSearch.Find("wineserver", locations.SearchPath);
        var version = await VersionAsync(wine, "wine-", cancellation);
        return version is null ? ExecutionRoute.StaticOnly(target.Triple, $"{wine} --version did not report a version", "sudo apt-get install --reinstall wine64")
            : server is null ? ExecutionRoute.StaticOnly(target.Triple, $"Wine {version} at {wine} has no wineserver beside it or on PATH", "sudo apt-get install --reinstall wine64")
            : ExecutionRoute.Emulated(target.Triple, new Emulator(EmulatorKind.Wine, wine, version, server), []);
    }

    /// <summary>
    /// The version an emulator prints after <paramref name="marker"/> on its first line (<c>qemu-aarch64 version 7.2.22 (Debian …)</c>,
    /// <c>wine-8.0 (Debian …)</c>), or null when it does not start or says something else.
    /// </summary>
    private static async Task<string?> VersionAsync(string executable, string marker, CancellationToken cancellation)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(VersionTimeout);
        try
        {
            var result = await Cli.Wrap(executable).WithArguments(["--version"])
                .WithEnvironmentVariables(new Dictionary<string, string?> { ["WINEDEBUG"] = "-all" })
                .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(deadline.Token);
            var firstLine = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
            var at = firstLine.IndexOf(marker, StringComparison.Ordinal);
            var version = at < 0 ? "" : new string(firstLine[(at + marker.Length)..].TakeWhile(character => !char.IsWhiteSpace(character)).ToArray());
            return result.ExitCode == 0 && version.Length > 0 && char.IsAsciiDigit(version[0]) ? version : null;
        }
        catch (Exception exception) when (exception is OperationCanceledException or System.ComponentModel.Win32Exception or IOException)
        {
            cancellation.ThrowIfCancellationRequested();
            return null;
        }
    }


    private static string Libc(RuntimeTarget target) => target.IsMusl ? "musl" : "glibc";
}
