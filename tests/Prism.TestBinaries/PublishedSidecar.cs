using System.Diagnostics;

namespace Prism.TestBinaries;

/// <summary>
/// One published sidecar under test: what it is (<see cref="Sidecar"/> <c>tr-daemon</c> or <c>prism</c>, its runtime
/// and publish mode), where it is, and — for a foreign platform — the <see cref="Emulator"/> that runs it here.
/// Everything that differs per platform is answered here, so a test asserts the platform's own behaviour instead of
/// skipping it: the line ending it writes, the paths it sees, whether Unix modes apply, how long it may take to start.
/// </summary>
public sealed record PublishedSidecar(string Sidecar, string Runtime, string? Mode, string Path, Emulator? Emulator, string Label)
{
    public const string DaemonName = "tr-daemon";
    public const string HostName = "prism";

    /// <summary>A Windows binary (run by Wine here): CRLF from WriteLine, <c>.exe</c> names, no Unix modes, <c>%APPDATA%</c>.</summary>
    public bool IsWindows => Runtime.StartsWith("win-", StringComparison.Ordinal);

    /// <summary>What <c>Console.WriteLine</c> ends a line with in this binary.</summary>
    public string NewLine => IsWindows ? "\r\n" : "\n";

    /// <summary>
    /// How long a start may take: a native start is quick; qemu translates every instruction and a Wine prefix's
    /// first process boots Wine itself (seconds on a busy machine, ~10 s for a new prefix).
    /// </summary>
    public TimeSpan StartPatience => Emulator is null ? TimeSpan.FromSeconds(60) : TimeSpan.FromSeconds(180);

    /// <summary>The command that starts this binary with <paramref name="arguments"/>: its emulator's prefix first, and the emulator's environment.</summary>
    public ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var command = Command(arguments);
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in Emulator?.Environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return start;
    }

    /// <summary>The command line that runs this binary with <paramref name="arguments"/>, its emulator's prefix first.</summary>
    public IReadOnlyList<string> Command(IEnumerable<string> arguments) => [.. Emulator?.Command ?? [], Path, .. arguments];

    /// <summary>
    /// <paramref name="path"/> (a path of this machine) as the binary must be given it: Wine maps the Unix root to
    /// drive <c>Z:</c>, so a Windows program is handed <c>Z:\tmp\…</c> as a Windows user would type it.
    /// </summary>
    public string PathSeenByBinary(string path) =>
        Emulator is { IsWine: true } ? WinePaths.ToWindows(path) : path;

    /// <summary>
    /// What the host of the same platform is given as <c>PRISM_DAEMON_PATH</c> to start this daemon. Natively and
    /// under Wine the daemon itself (Wine starts a Windows child by itself). Under qemu-user a foreign process cannot
    /// start a foreign child — the kernel refuses it without a binfmt_misc registration, which this machine must not
    /// make — so the host gets a launcher script, written into <paramref name="folder"/>, that starts qemu on the daemon.
    /// </summary>
    public string PathForHost(string folder)
    {
        if (Emulator is not { IsQemuUser: true } emulator)
        {
            return PathSeenByBinary(Path);
        }

        return WriteQemuLauncher(System.IO.Path.Combine(folder, DaemonName + "-under-" + emulator.Name));
    }

    /// <summary>
    /// Writes <paramref name="script"/>, a shell script that runs this binary under qemu-user with the arguments it is
    /// given — for a file its exec runs, what a binfmt_misc registration would do kernel-wide — and returns its path.
    /// </summary>
    public string WriteQemuLauncher(string script)
    {
        if (Emulator is not { IsQemuUser: true } emulator)
        {
            throw new InvalidOperationException($"{Label} does not run under qemu-user: it needs no launcher script.");
        }

        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("qemu-user runs on Linux only; a Windows machine cannot run this binary.");
        }

        var command = string.Join(' ', emulator.Command.Append(Path).Select(ShellQuote));
        var exports = string.Concat(emulator.Environment.Select(variable => $"export {variable.Key}={ShellQuote(variable.Value)}\n"));
        File.WriteAllText(script, $"#!/bin/sh\n{exports}exec {command} \"$@\"\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return script;
    }

    /// <summary>
    /// A variable a test sets, to a value of its own, in the environment of the process it starts: every process that
    /// one starts inherits it, so <see cref="OsProcessId"/> can find a Windows child under Wine by it.
    /// </summary>
    public const string MarkerVariable = "PRISM_TEST_MARKER";

    /// <summary>
    /// The pid of this machine's process for a pid this binary reported of itself (its ready line, the host's log), to
    /// kill it or watch it go. The same number natively and under qemu-user (qemu runs the program in its own process);
    /// under Wine the program reports its Windows pid, so its process is found by the <see cref="MarkerVariable"/>
    /// value <paramref name="marker"/> the test gave the process tree it started. Null when no such process runs (any more).
    /// </summary>
    public int? OsProcessId(int reportedPid, string marker) =>
        Emulator is { IsWine: true } ? WineProcesses.Find(System.IO.Path.GetFileName(Path), $"{MarkerVariable}={marker}") : reportedPid;

    /// <summary>
    /// Whether <paramref name="reportedPid"/> is the pid this binary, started here as process <paramref name="osPid"/>,
    /// must report of itself: that number natively and under qemu-user; under Wine its Windows pid, which Wine numbers
    /// as Windows does (positive multiples of 4) and apart from the Linux one.
    /// </summary>
    public bool IsOwnPid(int reportedPid, int osPid) =>
        Emulator is { IsWine: true } ? reportedPid > 0 && reportedPid % 4 == 0 : reportedPid == osPid;

    public override string ToString() => Label;

    private static string ShellQuote(string argument) => "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
