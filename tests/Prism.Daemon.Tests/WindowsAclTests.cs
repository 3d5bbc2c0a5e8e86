using System.Runtime.Versioning;
using System.Security.AccessControl;
using System.Security.Principal;
using Prism.Daemon.Tests.Support;
using Prism.FakeTradeRepublic;

namespace Prism.Daemon.Tests;

/// <summary>
/// A Windows daemon's data folder: created with an owner-only protected DACL (the user and SYSTEM), every secret file
/// too; an existing folder whose DACL lets others write is refused with 1012; one others may only read is made private.
/// On Windows the DACLs are read as they are. Under Wine (8.0 here) there is no DACL to read from Linux: Wine keeps
/// none of its own and maps each to the file's Unix mode (Everyone ↔ the "other" bits, the owner ↔ the user bits)
/// and back, so what the Wine row shows is that mapping — no access for others on what the daemon creates, Everyone's
/// write refused, Everyone's read removed. It cannot show the protected flag, inheritance, SYSTEM's or
/// Administrators' entries, or an account other than Everyone and the owner.
/// </summary>
public sealed class WindowsAclTests
{
    private const UnixFileMode Others = UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task The_data_folder_and_every_secret_file_are_created_for_the_user_alone(string daemon)
    {
        SkipUnlessWindows(daemon);
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken);

        await rig.LogInAsync();

        var secrets = Directory.GetFiles(rig.DataDirectory);
        Assert.Equal(3, secrets.Length);
        foreach (var path in secrets.Prepend(rig.DataDirectory))
        {
            AssertForTheUserAlone(path);
        }
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task A_folder_whose_acl_lets_others_write_is_refused_with_1012(string daemon)
    {
        SkipUnlessWindows(daemon);
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken);
        await rig.CallAsync("get_status");
        LetEveryone(rig.DataDirectory, write: true);
        await rig.RestartDaemonAsync();

        Assert.Equal("idle", (await rig.CallAsync("get_status")).GetProperty("status").GetString());
        var message = await DataFolderRuleTests.LoginFailsWith1012Async(rig);

        Assert.Contains($"The data folder {rig.Daemon.DataDirectorySeenByDaemon} may be written by Everyone", message, StringComparison.Ordinal);
        Assert.Contains("Security, Advanced", message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(rig.DataDirectory));
        Assert.Equal(0, rig.Server.LoginRequests);
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task A_folder_others_may_only_read_is_made_private_and_used(string daemon)
    {
        SkipUnlessWindows(daemon);
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken);
        await rig.CallAsync("get_status");
        LetEveryone(rig.DataDirectory, write: false);
        await rig.RestartDaemonAsync();

        await rig.Daemon.WaitForStderrLineAsync($"Made the data folder {rig.Daemon.DataDirectorySeenByDaemon} private");
        await rig.LogInAsync();

        Assert.Single(rig.SessionFiles());
        AssertForTheUserAlone(rig.DataDirectory);
        Assert.Equal(FakeAccount.ExpectedPortfolio, FakeAccount.Describe(await rig.CallAsync("fetch_portfolio")));
    }

    /// <summary>Lets Everyone read, or change (<paramref name="write"/>), the folder: an ACL entry on Windows, the "other" mode bits Wine maps to one.</summary>
    private static void LetEveryone(string folder, bool write)
    {
        if (OperatingSystem.IsWindows())
        {
            var rights = write ? FileSystemRights.Modify : FileSystemRights.ReadAndExecute;
            var security = new DirectoryInfo(folder).GetAccessControl();
            security.AddAccessRule(new FileSystemAccessRule(new SecurityIdentifier(WellKnownSidType.WorldSid, null), rights, AccessControlType.Allow));
            new DirectoryInfo(folder).SetAccessControl(security);
            return;
        }

        var others = write ? Others : UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(folder, File.GetUnixFileMode(folder) | others);
    }

    private static void AssertForTheUserAlone(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            AssertOwnerOnlyAcl(path);
            return;
        }

        Assert.True((File.GetUnixFileMode(path) & Others) == 0, $"Under Wine, {path} is mode {File.GetUnixFileMode(path)}: its DACL lets Everyone in.");
    }

    [SupportedOSPlatform("windows")]
    private static void AssertOwnerOnlyAcl(string path)
    {
        FileSystemSecurity security = Directory.Exists(path) ? new DirectoryInfo(path).GetAccessControl() : new FileInfo(path).GetAccessControl();
        Assert.True(security.AreAccessRulesProtected, $"{path} inherits entries from its parent.");
        using var identity = WindowsIdentity.GetCurrent();
        var allowed = new[] { identity.User!, new SecurityIdentifier(WellKnownSidType.LocalSystemSid, null) };
        var holders = security.GetAccessRules(includeExplicit: true, includeInherited: true, typeof(SecurityIdentifier)).Cast<FileSystemAccessRule>()
            .Where(rule => rule.AccessControlType == AccessControlType.Allow).Select(rule => (SecurityIdentifier)rule.IdentityReference).Distinct().ToList();
        Assert.All(holders, sid => Assert.Contains(sid, allowed));
    }

    private static void SkipUnlessWindows(string daemon) =>
        Assert.SkipUnless(DaemonTarget.Resolve(daemon).IsWindows, $"{daemon}: Windows ACLs; Unix folders follow their modes and owners (DataFolderRuleTests).");
}
