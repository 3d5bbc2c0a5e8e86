using System.Text.RegularExpressions;
using Prism.Daemon.Tests.Support;
using Prism.TestBinaries;

namespace Prism.Daemon.Tests;

/// <summary>
/// Without PRISM_DATA_DIR the daemon keeps its data in the platform's per-user application data folder — on Windows
/// the local, non-roaming one, where a session saved by earlier versions in the roaming folder is moved once.
/// </summary>
public sealed partial class DataFolderTests
{
    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Default_data_folder_is_the_platforms_application_data_folder_plus_prism(string daemon)
    {
        var target = DaemonTarget.Resolve(daemon);
        var home = Directory.CreateTempSubdirectory("prism-home-test-");
        var (named, onThisMachine) = DefaultDataFolder(target, home.FullName);
        var existedBefore = Directory.Exists(onThisMachine);
        try
        {
            // An empty PRISM_DATA_DIR counts as unset; HOME without XDG_CONFIG_HOME makes a Unix default of <home>/.config.
            var environment = new Dictionary<string, string> { ["PRISM_DATA_DIR"] = "", ["HOME"] = home.FullName, ["XDG_CONFIG_HOME"] = "" };
            await using var process = await DaemonProcess.StartReadyAsync(target, new DaemonSetup(Environment: environment), TestContext.Current.CancellationToken);
            await process.CloseInputAsync();
            await process.ReadToEndAsync();
            Assert.Equal(0, await process.WaitForExitAsync());
            var log = await process.StderrAfterExitAsync();

            Assert.Equal(named, DataFolderLogged().Match(log).Groups["folder"].Value.TrimEnd('\r'));
            Assert.True(Directory.Exists(onThisMachine), $"{target.Label} named {named} as its data folder, but {onThisMachine} does not exist.\n{log}");
        }
        finally
        {
            if (!existedBefore && Directory.Exists(onThisMachine))
            {
                Directory.Delete(onThisMachine, recursive: true);
            }

            home.Delete(recursive: true);
        }
    }

    /// <summary>
    /// A session saved by an earlier version in the roaming folder is moved to the local one at start — what an
    /// interrupted move left (a staging folder) goes first — and restores from there; the roaming folder is gone.
    /// </summary>
    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task A_session_in_the_roaming_folder_of_earlier_versions_is_moved_once_to_the_local_one(string daemon)
    {
        var target = DaemonTarget.Resolve(daemon);
        Assert.SkipUnless(target.IsWindows, $"{daemon}: only Windows has a roaming application data folder.");
        var (local, localHere) = DefaultDataFolder(target, "");
        var (roaming, roamingHere) = WindowsFolder(target, roaming: true);
        var stagingHere = localHere + ".moving";
        Assert.SkipWhen(OperatingSystem.IsWindows() && (Directory.Exists(localHere) || Directory.Exists(roamingHere)),
            $"This Windows user already has {localHere} or {roamingHere}; the test would move a real session.");
        try
        {
            // An earlier version's folder: the session of a login, saved where PRISM_DATA_DIR names the roaming folder.
            await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken, new Dictionary<string, string> { ["PRISM_DATA_DIR"] = roaming });
            await rig.LogInAsync();
            var saved = Directory.GetFiles(roamingHere).Select(Path.GetFileName).Order().ToList();
            Directory.CreateDirectory(stagingHere);
            File.WriteAllText(Path.Combine(stagingHere, "session-names.key"), "half a copy");

            await rig.RestartDaemonAsync(new Dictionary<string, string> { ["PRISM_DATA_DIR"] = "" });

            Assert.True((await rig.CallAsync("login", SessionRig.LoginParams(restoreOnly: true))).GetProperty("restored").GetBoolean());
            await rig.Daemon.WaitForStderrLineAsync($"Moved the data folder from {roaming} to {local}");
            Assert.False(Directory.Exists(roamingHere), $"{roamingHere} is still there.");
            Assert.False(Directory.Exists(stagingHere), $"{stagingHere} is still there.");
            Assert.Equal(saved, Directory.GetFiles(localHere).Select(Path.GetFileName).Order().ToList());
        }
        finally
        {
            foreach (var folder in new[] { localHere, roamingHere, stagingHere }.Where(Directory.Exists))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>
    /// The folder as the daemon names it and where that is here. Unix: <c>$XDG_CONFIG_HOME</c> or <c>~/.config</c>, plus
    /// <c>prism</c>. Windows: <c>%LOCALAPPDATA%\prism</c> — under Wine <c>C:\users\&lt;user&gt;\AppData\Local\prism</c>,
    /// in the prefix's drive_c.
    /// </summary>
    private static (string Named, string OnThisMachine) DefaultDataFolder(DaemonTarget target, string home) =>
        target.IsWindows ? WindowsFolder(target, roaming: false) : (Path.Combine(home, ".config", "prism"), Path.Combine(home, ".config", "prism"));

    /// <summary>The local or roaming application data folder + <c>prism</c>, as the daemon names it and where it is here.</summary>
    private static (string Named, string OnThisMachine) WindowsFolder(DaemonTarget target, bool roaming)
    {
        if (target.Binary?.Emulator is { IsWine: true } wine)
        {
            var named = $@"C:\users\{Environment.UserName}\AppData\{(roaming ? "Roaming" : "Local")}\prism";
            return (named, WinePaths.ToUnix(named, wine));
        }

        var folder = Path.Combine(Environment.GetFolderPath(roaming ? Environment.SpecialFolder.ApplicationData : Environment.SpecialFolder.LocalApplicationData), "prism");
        return (folder, folder);
    }

    [GeneratedRegex(@"ready \(pid \d+\), data folder (?<folder>.+)$", RegexOptions.Multiline)]
    private static partial Regex DataFolderLogged();
}
