using System.Runtime.Versioning;
using Prism.Daemon.Tests.Support;
using Prism.FakeTradeRepublic;

namespace Prism.Daemon.Tests;

/// <summary>
/// The data folder rule of the contract, as OpenSSH treats <c>~/.ssh</c>: a folder of the user's that others may only
/// read is made private (one log line) and used; one that others may write, or that belongs to someone else, is
/// refused with DATA_FOLDER_UNUSABLE (1012) naming the folder, the cause and the fix — before anything is sent to
/// Trade Republic, with nothing written into it — while get_status goes on answering.
/// </summary>
public sealed class DataFolderRuleTests
{
    private const int DataFolderUnusable = 1012;
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    [UnsupportedOSPlatform("windows")]
    public async Task A_folder_others_may_only_read_is_made_private_once_and_used(string daemon)
    {
        SkipUnlessUnixModes(daemon);
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken);
        // As `mkdir` under umask 022 makes it.
        File.SetUnixFileMode(rig.DataDirectory, Private | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        await rig.RestartDaemonAsync();
        await rig.LogInAsync();

        Assert.Equal(Private, File.GetUnixFileMode(rig.DataDirectory));
        Assert.Single(rig.SessionFiles());
        var log = await rig.StderrAfterShutdownAsync();
        Assert.Single(log.Split('\n'), line => line.Contains($"Made the data folder {rig.Daemon.DataDirectorySeenByDaemon} private (mode 755", StringComparison.Ordinal));
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    [UnsupportedOSPlatform("windows")]
    public async Task A_folder_others_may_write_is_refused_with_1012_before_Trade_Republic_hears_of_the_login(string daemon)
    {
        SkipUnlessUnixModes(daemon);
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken);
        var fix = $"chmod 700 {rig.DataDirectory}";
        UnixFileMode[] othersMayWrite = [Private | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute, Private | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute];
        foreach (var mode in othersMayWrite)
        {
            File.SetUnixFileMode(rig.DataDirectory, mode);
            await rig.RestartDaemonAsync();

            await rig.Daemon.WaitForStderrLineAsync(fix);
            Assert.Equal("idle", (await rig.CallAsync("get_status")).GetProperty("status").GetString());
            var message = await LoginFailsWith1012Async(rig);

            Assert.Contains(rig.DataDirectory, message, StringComparison.Ordinal);
            Assert.Contains("may be written by other users", message, StringComparison.Ordinal);
            Assert.Contains(fix, message, StringComparison.Ordinal);
            Assert.Equal(mode, File.GetUnixFileMode(rig.DataDirectory));
        }

        Assert.Empty(Directory.GetFileSystemEntries(rig.DataDirectory));
        Assert.Equal(0, rig.Server.LoginRequests);
    }

    /// <summary>Root may chmod any folder: only the owner's uid tells whose it is.</summary>
    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    [UnsupportedOSPlatform("windows")]
    public async Task A_private_folder_of_another_user_is_refused_even_for_root(string daemon)
    {
        SkipUnlessUnixModes(daemon);
        Assert.SkipUnless(Environment.UserName == "root", "Giving a folder to another user needs root (chown).");
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken);
        AnotherUser.ChangeOwner(rig.DataDirectory, AnotherUser.Uid);
        await rig.RestartDaemonAsync();

        Assert.Equal("idle", (await rig.CallAsync("get_status")).GetProperty("status").GetString());
        var message = await LoginFailsWith1012Async(rig);

        Assert.Contains($"The data folder {rig.DataDirectory} belongs to another user (uid {AnotherUser.Uid}; Prism runs as uid 0)", message, StringComparison.Ordinal);
        Assert.Contains($"sudo chown root {rig.DataDirectory}", message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(rig.DataDirectory));
        Assert.Equal(Private, File.GetUnixFileMode(rig.DataDirectory));
        Assert.Equal(0, rig.Server.LoginRequests);
    }

    /// <summary>Run as nobody on this test's own folder, 0700 and root's.</summary>
    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    [UnsupportedOSPlatform("windows")]
    public async Task A_folder_of_another_user_is_refused_for_an_ordinary_user(string daemon)
    {
        using var nobody = AnotherUser.Prepare(daemon);
        await using var process = await DaemonProcess.StartReadyAsync(nobody.Target, new DaemonSetup(Environment: AnotherUser.Environment), TestContext.Current.CancellationToken);

        await process.SendLineAsync("""{"method":"get_status","id":1}""");
        Reply.AssertResult((await process.ReadLineAsync())!, "1");
        await process.SendLineAsync($$"""{"method":"login","params":{{SessionRig.LoginParams()}},"id":2}""");
        var message = Reply.AssertError((await process.ReadLineAsync())!, DataFolderUnusable, "2");

        Assert.Contains($"belongs to another user (uid 0; Prism runs as uid {AnotherUser.Uid})", message, StringComparison.Ordinal);
        Assert.Contains($"sudo chown {AnotherUser.Name} ", message, StringComparison.Ordinal);
    }

    /// <summary>A login fails with 1012 and a message about the folder; a restore without PIN meets the same message.</summary>
    internal static async Task<string> LoginFailsWith1012Async(SessionRig rig)
    {
        var message = AssertDataFolderUnusable(await rig.SendAsync("login", SessionRig.LoginParams()));
        Assert.Equal(message, AssertDataFolderUnusable(await rig.SendAsync("login", SessionRig.LoginParams(restoreOnly: true, pin: null))));
        return message;
    }

    internal static string AssertDataFolderUnusable(string line) =>
        Reply.AssertError(line, DataFolderUnusable, Reply.Parse(line).GetProperty("id").GetRawText());

    private static void SkipUnlessUnixModes(string daemon)
    {
        var target = DaemonTarget.Resolve(daemon);
        Assert.SkipWhen(OperatingSystem.IsWindows() || !target.HasUnixModes,
            $"{daemon}: Unix modes and owners; a Windows daemon's folder is judged by its ACL (WindowsAclTests).");
    }
}
