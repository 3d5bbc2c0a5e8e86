using System.Diagnostics;

namespace Prism.Pipeline.Tests.Engine;

/// <summary>The real bootstrapper, run as people run it: <c>build.sh</c> with bash, or <c>build.ps1</c> with PowerShell 7 on Windows.</summary>
public sealed class BootstrapperTests
{
    private static (int ExitCode, string Output) RunBootstrapper(params string[] args)
    {
        var start = new ProcessStartInfo(Shell()) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        if (OperatingSystem.IsWindows())
        {
            start.ArgumentList.Add("-NoProfile");
            start.ArgumentList.Add("-File");
        }

        start.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, OperatingSystem.IsWindows() ? "build.ps1" : "build.sh"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var result = ProcessRunner.Run(start, TimeSpan.FromMinutes(3));
        return (result.ExitCode, result.Stdout + result.Stderr);
    }

    /// <summary>bash; on Windows pwsh, since the bash on PATH there may be WSL's, which cannot run this checkout's dotnet.</summary>
    private static string Shell()
    {
        if (!OperatingSystem.IsWindows())
        {
            return "bash";
        }

        var pwsh = Prism.Pipeline.Tools.ExecutableSearch.Find("pwsh");
        Assert.SkipWhen(pwsh is null, "build.ps1 needs PowerShell 7 (pwsh) on PATH.");
        return pwsh!;
    }

    [Fact]
    public void Help_lists_the_targets_and_exits_0_from_any_folder()
    {
        var (exitCode, output) = RunBootstrapper("--help", "--no-logo");

        Assert.Equal(0, exitCode);
        Assert.Contains("Targets:", output, StringComparison.Ordinal);
        Assert.Contains("Compile", output, StringComparison.Ordinal);
        Assert.Contains("--configuration", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_target_exits_2_with_the_available_ones()
    {
        var (exitCode, output) = RunBootstrapper("no-such-target");

        Assert.Equal(2, exitCode);
        Assert.Contains("Target 'no-such-target' does not exist. Available targets are:", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Arguments_with_spaces_reach_the_build_unchanged()
    {
        var (exitCode, output) = RunBootstrapper("--plan", "--configuration", "Release Candidate");

        Assert.Equal(2, exitCode);
        Assert.Contains("gave 'Release Candidate'", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// The SDK is missing (a dotnet on PATH whose --version fails), so build.sh fetches dotnet-install.sh — from a
    /// stand-in curl that records how it was asked and hands back a tampered script. The script must not run.
    /// </summary>
    [Fact]
    public void A_downloaded_dotnet_install_that_does_not_match_the_pinned_sha256_is_not_run()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "build.sh's download runs curl from bash; build.ps1's check is tested with a local copy.");
        using var sandbox = new BootstrapSandbox();
        sandbox.Tool("curl", """
            printf '%s\n' "$@" > "$(dirname "$0")/curl-arguments"
            while [ $# -gt 0 ]; do [ "$1" = "-o" ] && out="$2"; shift; done
            printf '#!/bin/sh\ntouch "%s"\n' "$(dirname "$0")/tampered-script-ran" > "$out"
            """);

        var (exitCode, output) = sandbox.Run("bash", ["build.sh", "--help"], environment: []);

        Assert.Equal(1, exitCode);
        sandbox.AssertRefused(output, "dotnet-install.sh");
        var curl = File.ReadAllLines(Path.Combine(sandbox.Tools, "curl-arguments"));
        Assert.Equal(["--proto", "=https", "--proto-redir", "=https"], curl.Take(4));
        Assert.Contains($"https://raw.githubusercontent.com/dotnet/install-scripts/{sandbox.Pin("commit")}/src/dotnet-install.sh", curl);
    }

    [Theory]
    [InlineData("build.sh")]
    [InlineData("build.ps1")]
    public void A_local_copy_of_dotnet_install_is_held_to_the_same_pinned_sha256(string bootstrapper)
    {
        using var sandbox = new BootstrapSandbox();
        var copy = Path.Combine(sandbox.Root, "my-dotnet-install");
        File.WriteAllText(copy, $"touch \"{Path.Combine(sandbox.Tools, "tampered-script-ran")}\"\n");
        var script = bootstrapper == "build.sh" || !OperatingSystem.IsWindows() ? "dotnet-install.sh" : "dotnet-install.ps1";

        var (exitCode, output) = bootstrapper == "build.sh"
            ? RunUnlessWindows(sandbox, copy)
            : sandbox.RunPowerShell(["-NoProfile", "-File", Path.Combine(sandbox.Root, "build.ps1"), "--help"], new() { ["PRISM_DOTNET_INSTALL_SCRIPT"] = copy });

        Assert.Equal(1, exitCode);
        sandbox.AssertRefused(output, script);
        Assert.Contains($"{copy} (PRISM_DOTNET_INSTALL_SCRIPT)", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// The pinned dotnet-install.sh (here a stand-in whose hash the sandbox's pin file names) cannot install the SDK
    /// global.json pins: the bootstrapper fails, naming the version, and never asks for another (no "latest of the
    /// channel" fallback, which would install whatever the feed serves that day).
    /// </summary>
    [Fact]
    public void When_the_pinned_sdk_cannot_be_installed_no_other_version_is_tried()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "build.sh is run with bash on Linux and macOS; build.ps1 installs only -Version.");
        using var sandbox = new BootstrapSandbox();
        var calls = Path.Combine(sandbox.Tools, "dotnet-install-calls");
        var installer = Path.Combine(sandbox.Root, "my-dotnet-install");
        File.WriteAllText(installer, $"echo \"$*\" >> '{calls}'\nexit 1\n");
        sandbox.PinScript("dotnet-install.sh", installer);
        var version = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(sandbox.Root, "global.json"))).RootElement.GetProperty("sdk").GetProperty("version").GetString()!;

        var (exitCode, output) = sandbox.Run("bash", ["build.sh", "--help"], new() { ["PRISM_DOTNET_INSTALL_SCRIPT"] = installer });

        Assert.Equal(1, exitCode);
        Assert.Contains($"could not install the .NET SDK {version} that global.json pins, and nothing else is installed in its place", output, StringComparison.Ordinal);
        var call = Assert.Single(File.ReadAllLines(calls));
        Assert.Contains($"--version {version}", call, StringComparison.Ordinal);
        Assert.DoesNotContain("--channel", call, StringComparison.Ordinal);
    }

    private static (int, string) RunUnlessWindows(BootstrapSandbox sandbox, string copy)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "build.sh is run with bash on Linux and macOS.");
        return sandbox.Run("bash", ["build.sh", "--help"], new() { ["PRISM_DOTNET_INSTALL_SCRIPT"] = copy });
    }

    /// <summary>
    /// A copy of the bootstrappers with global.json and the pin file, and a folder of stand-in tools first on PATH:
    /// a <c>dotnet</c> whose --version fails, so the bootstrapper goes on to install the SDK.
    /// </summary>
    private sealed class BootstrapSandbox : IDisposable
    {
        private readonly TemporaryFolder folder = new();

        public BootstrapSandbox()
        {
            foreach (var file in new[] { "build.sh", "build.ps1", "global.json", ".nuke/dotnet-install.txt" })
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(Root, file))!);
                File.Copy(Path.Combine(RepositoryPaths.Root, file), Path.Combine(Root, file));
            }

            Directory.CreateDirectory(Tools);
            Tool("dotnet", "exit 1");
            if (OperatingSystem.IsWindows())
            {
                File.WriteAllText(Path.Combine(Tools, "dotnet.cmd"), "@exit /b 1\r\n");
            }
        }

        public string Root => folder.Path;

        public string Tools => Path.Combine(folder.Path, "tools");

        public string Pin(string key) =>
            File.ReadLines(Path.Combine(Root, ".nuke", "dotnet-install.txt")).Single(line => line.StartsWith(key + "=", StringComparison.Ordinal))[(key.Length + 1)..];

        /// <summary>Makes the sandbox's pin file expect <paramref name="file"/>'s SHA-256 for <paramref name="script"/>.</summary>
        public void PinScript(string script, string file)
        {
            var pins = Path.Combine(Root, ".nuke", "dotnet-install.txt");
            var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file)));
            File.WriteAllLines(pins, File.ReadAllLines(pins).Select(line => line.StartsWith(script + "=", StringComparison.Ordinal) ? $"{script}={sha256}" : line));
        }

        public void Tool(string name, string body)
        {
            var path = Path.Combine(Tools, name);
            File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, (UnixFileMode)Convert.ToInt32("755", 8));
            }
        }

        public (int ExitCode, string Output) Run(string fileName, IEnumerable<string> arguments, Dictionary<string, string?> environment, string? workingDirectory = null)
        {
            var start = new ProcessStartInfo(fileName, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? Root };
            start.Environment["PATH"] = Tools + Path.PathSeparator + start.Environment["PATH"];
            start.Environment.Remove("PRISM_NO_SDK_INSTALL");
            start.Environment.Remove("PRISM_DOTNET_INSTALL_SCRIPT");
            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }

            var result = ProcessRunner.Run(start, TimeSpan.FromMinutes(3));
            return (result.ExitCode, result.Stdout + result.Stderr);
        }

        /// <summary>build.ps1 under PowerShell 7: pwsh on PATH (Windows), else the repository's local tool (`dotnet pwsh`).</summary>
        public (int ExitCode, string Output) RunPowerShell(IEnumerable<string> arguments, Dictionary<string, string?> environment)
        {
            if (Prism.Pipeline.Tools.ExecutableSearch.Find("pwsh") is { } pwsh)
            {
                return Run(pwsh, arguments, environment);
            }

            var dotnet = Prism.Pipeline.Tools.ExecutableSearch.Find("dotnet");
            Assert.SkipWhen(dotnet is null, "no dotnet on PATH to run the PowerShell local tool.");
            var probe = Run(dotnet!, ["pwsh", "-NoProfile", "-Command", "exit 0"], [], RepositoryPaths.Root);
            Assert.SkipWhen(probe.ExitCode != 0, $"PowerShell 7 is neither on PATH nor restored as the local tool (`dotnet tool restore`): {probe.Output}");
            return Run(dotnet!, ["pwsh", .. arguments], environment, RepositoryPaths.Root);
        }

        /// <summary>The bootstrapper failed loudly on the hash, named the pin file and how to update it, and ran nothing.</summary>
        public void AssertRefused(string output, string script)
        {
            Assert.Contains($"{script} from ", output, StringComparison.Ordinal);
            Assert.Contains($"but .nuke/dotnet-install.txt expects {Pin(script)}. It was NOT run", output, StringComparison.Ordinal);
            Assert.Contains("says how to update it", output, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(Tools, "tampered-script-ran")), "the tampered dotnet-install script ran");
            Assert.False(File.Exists(Path.Combine(Root, ".nuke", "temp", script)), "the tampered script was left in .nuke/temp");
        }

        public void Dispose() => folder.Dispose();
    }
}
