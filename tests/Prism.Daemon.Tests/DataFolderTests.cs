using System.Text.RegularExpressions;
using Prism.Daemon.Tests.Support;
using Prism.TestBinaries;

namespace Prism.Daemon.Tests;

/// <summary>Without PRISM_DATA_DIR the daemon keeps its data in the platform's per-user application data folder.</summary>
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

            Assert.Equal(named, DataFolderLogged().Match(process.Stderr).Groups["folder"].Value.TrimEnd('\r'));
            Assert.True(Directory.Exists(onThisMachine), $"{target.Label} named {named} as its data folder, but {onThisMachine} does not exist.\n{process.Stderr}");
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
    /// The folder as the daemon names it and where that is here. Unix: <c>$XDG_CONFIG_HOME</c> or <c>~/.config</c>, plus
    /// <c>prism</c>. Windows: <c>%APPDATA%\prism</c> — under Wine <c>C:\users\&lt;user&gt;\AppData\Roaming\prism</c>, in
    /// the prefix's drive_c.
    /// </summary>
    private static (string Named, string OnThisMachine) DefaultDataFolder(DaemonTarget target, string home)
    {
        if (target.Binary?.Emulator is { IsWine: true } wine)
        {
            var named = $@"C:\users\{Environment.UserName}\AppData\Roaming\prism";
            return (named, WinePaths.ToUnix(named, wine));
        }

        var folder = OperatingSystem.IsWindows()
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "prism")
            : Path.Combine(home, ".config", "prism");
        return (folder, folder);
    }

    [GeneratedRegex(@"ready \(pid \d+\), data folder (?<folder>.+)$", RegexOptions.Multiline)]
    private static partial Regex DataFolderLogged();
}
