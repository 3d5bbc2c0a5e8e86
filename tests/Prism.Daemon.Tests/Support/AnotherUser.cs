using System.Diagnostics;
using System.Runtime.Versioning;

namespace Prism.Daemon.Tests.Support;

/// <summary>
/// A daemon run as another user — nobody (65534), through util-linux's <c>setpriv</c>, which needs root — from a copy
/// that user can reach: the clone may sit in root's home (0700), where nobody may not even look. The JIT row's
/// build output, or a native row's binary, is copied into a fresh world-readable folder under the temp folder; the
/// test skips, saying why, when there is no root, no setpriv, a <c>dotnet</c> nobody may run, or an emulator.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal sealed class AnotherUser : IDisposable
{
    public const int Uid = 65534;
    public const string Name = "nobody";
    private const string SetPriv = "/usr/bin/setpriv";

    private readonly DirectoryInfo copy;

    private AnotherUser(DaemonTarget target, DirectoryInfo copy)
    {
        Target = target;
        this.copy = copy;
    }

    /// <summary>The daemon as nobody: setpriv before the copied daemon (Binary null: the command is the whole start).</summary>
    public DaemonTarget Target { get; }

    /// <summary>HOME for nobody (dotnet writes its first-run marker there).</summary>
    public static IReadOnlyDictionary<string, string> Environment { get; } =
        new Dictionary<string, string> { ["HOME"] = Path.GetTempPath(), ["DOTNET_CLI_HOME"] = Path.GetTempPath() };

    /// <summary>Copies the daemon of <paramref name="daemon"/>'s row where nobody can run it; skips the test when that cannot be.</summary>
    public static AnotherUser Prepare(string daemon)
    {
        var target = DaemonTarget.Resolve(daemon);
        Assert.SkipUnless(System.Environment.UserName == "root" && File.Exists(SetPriv), $"Running the daemon as another user needs root and {SetPriv} (util-linux).");
        Assert.SkipWhen(target.Binary?.Emulator is not null, $"{daemon}: an emulator's own files (Wine's prefix, qemu's libraries) are set up for root, so it cannot run as another user; the native rows check this.");
        var copy = Directory.CreateTempSubdirectory("prism-as-nobody-");
        File.SetUnixFileMode(copy.FullName, OpenToAll | UnixFileMode.UserWrite);
        try
        {
            string[] command;
            if (target.Binary is { } binary)
            {
                var copied = Path.Combine(copy.FullName, Path.GetFileName(binary.Path));
                File.Copy(binary.Path, copied);
                File.SetUnixFileMode(copied, OpenToAll | UnixFileMode.UserWrite);
                command = [copied];
            }
            else
            {
                var (dotnet, assembly) = (target.Command[0], target.Command[1]);
                var runnable = ExecutableOnPath(dotnet);
                Assert.SkipUnless(ReachableByOthers(runnable), $"{runnable} (dotnet) is in a folder other users may not enter, so the daemon cannot run as {Name}; install .NET where every user can run it (e.g. /usr/share/dotnet).");
                var output = Path.Combine(copy.FullName, "tr-daemon");
                CopyOpenToAll(Path.GetDirectoryName(assembly)!, output);
                command = [runnable, Path.Combine(output, Path.GetFileName(assembly))];
            }

            return new AnotherUser(target with { Command = [SetPriv, $"--reuid={Uid}", $"--regid={Uid}", "--clear-groups", .. command], Binary = null }, copy);
        }
        catch
        {
            copy.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>A new private (0700) folder that belongs to nobody, for a data folder that is theirs.</summary>
    public static string OwnFolder()
    {
        var folder = Directory.CreateTempSubdirectory("prism-nobody-data-").FullName;
        ChangeOwner(folder, Uid);
        return folder;
    }

    /// <summary>Gives <paramref name="path"/> to <paramref name="uid"/> (its group too), as root can.</summary>
    public static void ChangeOwner(string path, int uid)
    {
        using var chown = Process.Start(new ProcessStartInfo("chown", [$"{uid}:{uid}", path]) { UseShellExecute = false })!;
        chown.WaitForExit();
        Assert.Equal(0, chown.ExitCode);
    }

    /// <summary>The uid that owns <paramref name="path"/> (coreutils' stat; .NET has no API for it).</summary>
    public static int OwnerOf(string path)
    {
        using var stat = Process.Start(new ProcessStartInfo("stat", ["-c", "%u", path]) { UseShellExecute = false, RedirectStandardOutput = true })!;
        var owner = stat.StandardOutput.ReadToEnd().Trim();
        stat.WaitForExit();
        Assert.Equal(0, stat.ExitCode);
        return int.Parse(owner, System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose() => copy.Delete(recursive: true);

    private const UnixFileMode OpenToAll =
        UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private static void CopyOpenToAll(string from, string to)
    {
        Directory.CreateDirectory(to);
        File.SetUnixFileMode(to, OpenToAll | UnixFileMode.UserWrite);
        foreach (var file in Directory.GetFiles(from))
        {
            var copied = Path.Combine(to, Path.GetFileName(file));
            File.Copy(file, copied);
            File.SetUnixFileMode(copied, OpenToAll | UnixFileMode.UserWrite);
        }

        foreach (var folder in Directory.GetDirectories(from))
        {
            CopyOpenToAll(folder, Path.Combine(to, Path.GetFileName(folder)));
        }
    }

    /// <summary>Whether every folder on the way to <paramref name="file"/> lets others through and the file lets them run it.</summary>
    private static bool ReachableByOthers(string file)
    {
        var resolved = new FileInfo(file).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? file;
        if (!File.GetUnixFileMode(resolved).HasFlag(UnixFileMode.OtherExecute))
        {
            return false;
        }

        for (var folder = Path.GetDirectoryName(resolved); folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (!File.GetUnixFileMode(folder).HasFlag(UnixFileMode.OtherExecute))
            {
                return false;
            }
        }

        return true;
    }

    private static string ExecutableOnPath(string name) =>
        Path.IsPathRooted(name)
            ? name
            : (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists)
              ?? throw new InvalidOperationException($"{name} is not on PATH.");
}
