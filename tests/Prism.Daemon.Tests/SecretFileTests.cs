using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using Prism.Daemon.Tests.Support;
using Prism.FakeTradeRepublic;

namespace Prism.Daemon.Tests;

/// <summary>
/// The files that hold secrets (saved sessions, the device id, the key naming session files): 0600 in a 0700 folder
/// that belongs to the user, written atomically, never through a link; damaged ones do not block a login; a folder
/// that cannot hold them is named with its fix, get_status still answers, and a login Trade Republic accepted is
/// kept for the run even when it cannot be saved.
/// </summary>
public sealed class SecretFileTests
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    [UnsupportedOSPlatform("windows")]
    public async Task Links_planted_at_predictable_temporary_names_are_never_written_through(string daemon)
    {
        SkipOnWindows(daemon);
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken);
        using var baitFolder = new TemporaryFolder();
        var bait = Path.Combine(baitFolder.Path, "bait");
        File.WriteAllText(bait, "");
        // Earlier versions wrote "<file>.<pid>.tmp", opened with Create: through whatever link was there.
        var deviceId = Path.Combine(rig.DataDirectory, "device-id");
        File.CreateSymbolicLink($"{deviceId}.{rig.Daemon.Id}.tmp", bait);
        var session = await rig.SavedSessionOfARestartedDaemonAsync();
        File.CreateSymbolicLink($"{session}.{rig.Daemon.Id}.tmp", bait);

        // A restore saves the refreshed cookies.
        Assert.True((await rig.CallAsync("login", SessionRig.LoginParams(restoreOnly: true))).GetProperty("restored").GetBoolean());

        Assert.Equal("", File.ReadAllText(bait));
        foreach (var secret in new[] { deviceId, session })
        {
            Assert.Null(new FileInfo(secret).LinkTarget);
            Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(secret));
        }
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    [UnsupportedOSPlatform("windows")]
    public async Task A_link_in_place_of_the_session_file_is_neither_followed_nor_written_through(string daemon)
    {
        SkipOnWindows(daemon);
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken);
        var session = await rig.SavedSessionOfARestartedDaemonAsync();
        using var elsewhereFolder = new TemporaryFolder();
        var elsewhere = Path.Combine(elsewhereFolder.Path, "session.json");
        File.Move(session, elsewhere);
        File.CreateSymbolicLink(session, elsewhere);
        var planted = File.ReadAllBytes(elsewhere);

        await rig.CallFailingAsync("login", 1007, SessionRig.LoginParams(restoreOnly: true));
        await rig.LogInAsync();

        Assert.Equal(planted, File.ReadAllBytes(elsewhere));
        Assert.Null(new FileInfo(session).LinkTarget);
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(session));
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    [UnsupportedOSPlatform("windows")]
    public async Task A_missing_data_folder_is_created_owner_only(string daemon)
    {
        SkipOnWindows(daemon);
        using var parent = new TemporaryFolder();
        var folder = Path.Combine(parent.Path, "not", "yet", "prism");
        await using (var process = await DaemonProcess.StartReadyAsync(DaemonTarget.Resolve(daemon), new DaemonSetup(folder), TestContext.Current.CancellationToken))
        {
            await process.SendLineAsync("""{"method":"get_status","id":1}""");
            Reply.AssertResult((await process.ReadLineAsync())!, "1");
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task A_data_folder_that_cannot_exist_is_named_in_the_login_error_and_get_status_still_answers(string daemon)
    {
        var target = DaemonTarget.Resolve(daemon);
        using var parent = new TemporaryFolder();
        var file = Path.Combine(parent.Path, "a-regular-file");
        File.WriteAllText(file, "");
        // As the daemon names it: under Wine a /tmp path would be a folder of the prefix's current drive, with no file in its way.
        var folder = target.PathSeenByDaemon(Path.Combine(file, "prism"));
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken, new Dictionary<string, string> { ["PRISM_DATA_DIR"] = folder });

        await rig.Daemon.WaitForStderrLineAsync($"Cannot use the data folder {folder}");
        var status = await rig.CallAsync("get_status");
        Assert.Equal("idle", status.GetProperty("status").GetString());
        Assert.False(status.GetProperty("has_saved_session").GetBoolean());
        var message = await DataFolderRuleTests.LoginFailsWith1012Async(rig);

        Assert.Contains(folder, message, StringComparison.Ordinal);
        Assert.Contains("PRISM_DATA_DIR", message, StringComparison.Ordinal);
        // The fix in the words of the daemon's own system.
        Assert.Contains(target.IsWindows ? "every part of its path must be a folder you can write" : $"mkdir -m 700 {folder}", message, StringComparison.Ordinal);
        Assert.Equal("idle", (await rig.CallAsync("get_status")).GetProperty("status").GetString());
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task A_login_Trade_Republic_accepted_stays_signed_in_when_its_session_cannot_be_saved(string daemon)
    {
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken);
        await rig.LogInAsync();
        var session = Assert.Single(rig.SessionFiles());
        await rig.CallAsync("logout");
        // A folder (not empty) in the file's place: the save's rename fails as on a full or read-only disk.
        Directory.CreateDirectory(session);
        File.WriteAllText(Path.Combine(session, "keep"), "");

        await rig.LogInAsync();

        await rig.Daemon.WaitForStderrLineAsync("could not be saved");
        var status = await rig.CallAsync("get_status");
        Assert.Equal("authenticated", status.GetProperty("status").GetString());
        Assert.Equal(FakeAccount.ExpectedPortfolio, FakeAccount.Describe(await rig.CallAsync("fetch_portfolio")));
        Assert.True(Directory.Exists(session));
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task A_session_file_that_parses_but_is_damaged_is_deleted_and_the_login_goes_on(string daemon)
    {
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken);
        var session = await rig.SavedSessionOfARestartedDaemonAsync();
        string[] damaged =
        [
            """{"format":1,"cookies":[{"name":"tr_session","value":"x","path":"/","secure":true,"httpOnly":true}],"savedAt":"2026-01-01T00:00:00Z"}""",
            """{"format":1,"cookies":[null],"savedAt":"2026-01-01T00:00:00Z"}""",
            """{"format":1,"cookies":[{"name":null,"value":"x","domain":"127.0.0.1","path":"/"}],"savedAt":"2026-01-01T00:00:00Z"}""",
            """{"format":1,"cookies":"tr_session=x","savedAt":"2026-01-01T00:00:00Z"}""",
            """{"format":1,"cookies":null,"savedAt":"2026-01-01T00:00:00Z"}""",
            "null",
        ];

        foreach (var content in damaged)
        {
            File.WriteAllText(session, content);

            var login = await rig.SendAsync("login", SessionRig.LoginParams());

            Assert.True(Reply.Parse(login).TryGetProperty("result", out var result), $"A login with the session file {content} failed: {login}");
            Assert.Equal("waiting_2fa", result.GetProperty("status").GetString());
            Assert.False(File.Exists(session), $"The damaged session file {content} was not deleted.");
        }

        Assert.Equal("authenticated", (await rig.CallAsync("confirm_2fa", $$"""{"token":"{{FakeAccount.AuthenticatorCode}}"}""")).GetProperty("status").GetString());
        Assert.Single(rig.SessionFiles());
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Session_files_are_named_by_a_key_of_the_installation_not_by_a_plain_hash_of_the_number(string daemon)
    {
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken);
        await rig.LogInAsync();
        var first = Path.GetFileName(Assert.Single(rig.SessionFiles()));
        var key = Assert.Single(Directory.GetFiles(rig.DataDirectory, "*.key"));

        // Another installation (here: the same folder after its key is gone) names the same number's file otherwise.
        await rig.CallAsync("logout");
        File.Delete(key);
        await rig.RestartDaemonAsync();
        await rig.LogInAsync();
        var second = Path.GetFileName(Assert.Single(rig.SessionFiles()));

        Assert.NotEqual(first, second);
        Assert.DoesNotContain(LegacyNameOf(FakeAccount.Phone), new[] { first, second });
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task A_session_saved_under_an_earlier_versions_plain_hash_name_is_renamed_once_and_restored(string daemon)
    {
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken);
        var keyed = await rig.SavedSessionOfARestartedDaemonAsync();
        var legacy = Path.Combine(rig.DataDirectory, LegacyNameOf(FakeAccount.Phone));
        File.Move(keyed, legacy);

        Assert.True((await rig.CallAsync("login", SessionRig.LoginParams(restoreOnly: true))).GetProperty("restored").GetBoolean());

        Assert.False(File.Exists(legacy));
        Assert.Equal(keyed, Assert.Single(rig.SessionFiles()));
    }

    /// <summary>
    /// An earlier version may have left its file readable by others (mode 644): the keyed file is owner-only from the
    /// start, not only after a successful restore saves it again — here Trade Republic cannot be reached, so nothing is.
    /// </summary>
    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    [UnsupportedOSPlatform("windows")]
    public async Task A_session_moved_from_its_earlier_name_is_owner_only(string daemon)
    {
        SkipOnWindows(daemon);
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken);
        await rig.LogInAsync();
        var keyed = Assert.Single(rig.SessionFiles());
        var legacy = Path.Combine(rig.DataDirectory, LegacyNameOf(FakeAccount.Phone));
        File.Move(keyed, legacy);
        File.SetUnixFileMode(legacy, OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        await rig.RestartDaemonAsync(new Dictionary<string, string> { ["PRISM_TR_API_URL"] = "http://127.0.0.1:9" });

        await rig.CallFailingAsync("login", 1010, SessionRig.LoginParams(restoreOnly: true));

        Assert.Equal(keyed, Assert.Single(rig.SessionFiles()));
        Assert.False(File.Exists(legacy));
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(keyed));
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Temporary_files_an_interrupted_save_left_are_deleted_at_start(string daemon)
    {
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken);
        await rig.LogInAsync();
        var session = Assert.Single(rig.SessionFiles());
        // What a daemon killed between writing and renaming leaves (this version's random names, an earlier one's pid),
        // and a file of the user's that only looks alike.
        string[] interrupted = [$"{session}.0123456789abcdef.tmp", Path.Combine(rig.DataDirectory, "device-id.fedcba9876543210.tmp"), $"{session}.4711.tmp"];
        foreach (var file in interrupted)
        {
            File.Copy(session, file);
        }

        var unrelated = Path.Combine(rig.DataDirectory, "notes.tmp");
        File.WriteAllText(unrelated, "mine");

        await rig.RestartDaemonAsync();
        await rig.Daemon.WaitForStderrLineAsync("Deleted 3 temporary file(s) that an interrupted save left");

        Assert.All(interrupted, file => Assert.False(File.Exists(file), $"{Path.GetFileName(file)} is still there."));
        Assert.Equal("mine", File.ReadAllText(unrelated));
        Assert.True((await rig.CallAsync("login", SessionRig.LoginParams(restoreOnly: true))).GetProperty("restored").GetBoolean());
    }

    /// <summary>
    /// A folder (not empty) in place of the session file cannot be deleted, as on a read-only disk: the daemon is
    /// signed out all the same, and says what it could not delete.
    /// </summary>
    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Logout_signs_out_even_when_the_saved_session_cannot_be_deleted(string daemon)
    {
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken);
        await rig.LogInAsync();
        var session = Assert.Single(rig.SessionFiles());
        File.Delete(session);
        Directory.CreateDirectory(session);
        File.WriteAllText(Path.Combine(session, "keep"), "");

        var message = DataFolderRuleTests.AssertDataFolderUnusable(await rig.SendAsync("logout"));

        Assert.Contains("You are signed out, but the saved session stays on disk", message, StringComparison.Ordinal);
        Assert.Contains(Path.GetFileName(session), message, StringComparison.Ordinal);
        Assert.Contains(rig.Daemon.DataDirectorySeenByDaemon, message, StringComparison.Ordinal);
        Assert.Equal("idle", (await rig.CallAsync("get_status")).GetProperty("status").GetString());
        await rig.CallFailingAsync("fetch_portfolio", 1001);
    }

    /// <summary>
    /// Files another user wrote into the user's folder (e.g. a run under sudo): the daemon, run as nobody, may not
    /// read them, refuses the login with the fix before anything goes upstream, and leaves them as they are.
    /// </summary>
    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    [UnsupportedOSPlatform("windows")]
    public async Task A_key_or_device_id_this_user_cannot_read_is_1012_with_the_fix_and_left_as_it_is(string daemon)
    {
        using var nobody = AnotherUser.Prepare(daemon);
        await using var server = await FakeTradeRepublicServer.StartAsync();
        var environment = new Dictionary<string, string>(AnotherUser.Environment)
        {
            ["PRISM_TR_API_URL"] = server.ApiUrl.ToString(),
            ["PRISM_TR_WS_URL"] = server.WebSocketUrl.ToString(),
        };
        foreach (var (file, hexDigits) in new[] { ("session-names.key", 64), ("device-id", 128) })
        {
            var folder = AnotherUser.OwnFolder();
            try
            {
                var secret = Path.Combine(folder, file);
                var content = new string('a', hexDigits);
                File.WriteAllText(secret, content);
                File.SetUnixFileMode(secret, OwnerReadWrite);
                await using (var process = await DaemonProcess.StartReadyAsync(nobody.Target, new DaemonSetup(folder, environment), TestContext.Current.CancellationToken))
                {
                    await process.SendLineAsync($$"""{"method":"login","params":{{SessionRig.LoginParams()}},"id":1}""");
                    var message = Reply.AssertError((await process.ReadLineAsync())!, 1012, "1");

                    Assert.Contains($"Cannot read {file} in the data folder {folder}", message, StringComparison.Ordinal);
                    Assert.Contains($"sudo chown {AnotherUser.Name} {secret}", message, StringComparison.Ordinal);
                }

                Assert.Equal(content, File.ReadAllText(secret));
                Assert.Equal(0, AnotherUser.OwnerOf(secret));
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        Assert.Equal(0, server.LoginRequests);
    }

    /// <summary>How versions before the keyed names named the file of <paramref name="phone"/>: a plain SHA-256, anyone could recompute it.</summary>
    private static string LegacyNameOf(string phone) =>
        "session-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("prism-session:" + phone)))[..32] + ".json";

    /// <summary>Skips for a Windows daemon (run on Windows, or under Wine here): what these tests check are Unix modes and links.</summary>
    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    [UnsupportedOSPlatform("windows")]
    public async Task The_installation_key_and_a_session_file_rewritten_at_a_refresh_are_owner_only(string daemon)
    {
        SkipOnWindows(daemon);
        // Refreshed before its next use once idle for a second; the refresh replaces the cookies, so the file is written again.
        await using var rig = await SessionRig.StartAsync(daemon, TestContext.Current.CancellationToken, new Dictionary<string, string> { ["PRISM_TR_REFRESH_AFTER_S"] = "1" });
        rig.Server.Scenario.RotatesCookiesOnRefresh = true;
        await rig.LogInAsync();
        var savedAtLogin = File.ReadAllText(Assert.Single(rig.SessionFiles()));
        await Task.Delay(TimeSpan.FromSeconds(2.5), TestContext.Current.CancellationToken);

        await rig.CallAsync("fetch_portfolio");

        var session = Assert.Single(rig.SessionFiles());
        Assert.NotEqual(savedAtLogin, File.ReadAllText(session));
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(session));
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(Assert.Single(Directory.GetFiles(rig.DataDirectory, "*.key"))));
    }

    private static void SkipOnWindows(string daemon) =>
        Assert.SkipWhen(OperatingSystem.IsWindows() || DaemonTarget.Resolve(daemon).IsWindows,
            $"{daemon}: Windows has no Unix modes or symbolic links a user may plant; the profile's ACLs keep the folder private.");
}
