using System.Text.Json;
using Prism.FakeTradeRepublic;

namespace Prism.Daemon.Tests.Support;

/// <summary>
/// A fake Trade Republic and a real tr-daemon pointed at it (PRISM_TR_API_URL/PRISM_TR_WS_URL), with a data folder
/// that survives daemon restarts — one the first daemon creates, as on a first run. Calls are numbered; everything the daemons wrote (stdout and stderr) is kept
/// for <see cref="AssertNoSecretLeakedAsync"/>. Dispose kills the daemon and stops the fake.
/// </summary>
internal sealed class SessionRig : IAsyncDisposable
{
    private readonly DaemonTarget target;
    private readonly CancellationToken testCancelled;
    private readonly Dictionary<string, string> environment;
    private readonly List<DaemonProcess> daemons = [];
    private readonly List<string> stdout = [];
    private int lastId;

    private readonly string rigDirectory;

    private SessionRig(FakeTradeRepublicServer server, DaemonTarget target, Dictionary<string, string> environment, string rigDirectory, CancellationToken testCancelled)
    {
        Server = server;
        this.target = target;
        this.environment = environment;
        this.rigDirectory = rigDirectory;
        DataDirectory = Path.Combine(rigDirectory, "prism");
        this.testCancelled = testCancelled;
    }

    public DaemonTarget Target => target;

    public FakeTradeRepublicServer Server { get; }

    public string DataDirectory { get; }

    public DaemonProcess Daemon => daemons[^1];

    /// <summary>Starts the fake and a daemon of row <paramref name="label"/>; <paramref name="extraEnvironment"/> adds settings (e.g. PRISM_TR_LOGIN_API).</summary>
    public static async Task<SessionRig> StartAsync(string label, CancellationToken testCancelled, IReadOnlyDictionary<string, string>? extraEnvironment = null)
    {
        var target = DaemonTarget.Resolve(label);
        var server = await FakeTradeRepublicServer.StartAsync();
        var environment = new Dictionary<string, string>
        {
            ["PRISM_TR_API_URL"] = server.ApiUrl.ToString(),
            ["PRISM_TR_WS_URL"] = server.WebSocketUrl.ToString(),
        };
        foreach (var (name, value) in extraEnvironment ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        var rig = new SessionRig(server, target, environment, Directory.CreateTempSubdirectory("prism-session-test-").FullName, testCancelled);
        await rig.StartDaemonAsync();
        return rig;
    }

    /// <summary>
    /// A rig whose login waits for an app approval (the fake's second factor) that <paramref name="approval"/> decides:
    /// <c>login</c> has answered, <c>confirm_2fa</c> is the caller's.
    /// </summary>
    public static async Task<SessionRig> StartWaitingForAppApprovalAsync(string label, FakeApproval approval, CancellationToken testCancelled)
    {
        var rig = await StartAsync(label, testCancelled);
        try
        {
            rig.Server.Scenario.SecondFactor = FakeSecondFactor.AppApproval;
            rig.Server.Scenario.Approval = approval;
            await rig.CallAsync("login", LoginParams());
            return rig;
        }
        catch
        {
            await rig.DisposeAsync();
            throw;
        }
    }

    /// <summary>Ends the daemon with <c>shutdown</c> and starts a new one on the same data folder, with <paramref name="changedSettings"/> set from now on.</summary>
    public async Task RestartDaemonAsync(IReadOnlyDictionary<string, string>? changedSettings = null)
    {
        await ShutDownAsync();
        foreach (var (name, value) in changedSettings ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        await StartDaemonAsync();
    }

    /// <summary>Asks <c>get_status</c> until <paramref name="expected"/> holds for it; fails after <see cref="DaemonProcess.Patience"/>.</summary>
    public async Task<JsonElement> StatusWhenAsync(Func<JsonElement, bool> expected, string what)
    {
        var (shown, status) = await Eventually.ValueAsync(() => CallAsync("get_status"), expected, Daemon.Patience, testCancelled);
        Assert.True(shown, $"get_status never showed {what}; last: {status}\nstderr:\n{Daemon.Stderr}");
        return status;
    }

    /// <summary>Waits until <paramref name="condition"/> holds (polled); fails after <see cref="DaemonProcess.Patience"/>.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, string what) =>
        Assert.True(await Eventually.HoldsAsync(condition, Daemon.Patience, testCancelled), $"Never saw {what}.\nstderr:\n{Daemon.Stderr}");

    /// <summary>Sends a request and returns its reply line (all lines read are kept).</summary>
    public async Task<string> SendAsync(string method, string parametersJson = "{}")
    {
        var id = Interlocked.Increment(ref lastId).ToString();
        await Daemon.SendLineAsync($$"""{"jsonrpc":"2.0","method":"{{method}}","params":{{parametersJson}},"id":{{id}}}""");
        return await ReplyAsync(id);
    }

    /// <summary>Reads lines until the reply to request <paramref name="id"/>.</summary>
    public async Task<string> ReplyAsync(string id)
    {
        var lines = await Daemon.ReadUntilReplyAsync(id);
        stdout.AddRange(lines);
        return lines[^1];
    }

    /// <summary>Reads lines until the replies to all of <paramref name="idJsons"/> (requests sent before, answered in any order) have come; returns them in that order.</summary>
    public async Task<string[]> RepliesAsync(params string[] idJsons)
    {
        var replies = new Dictionary<string, string>(StringComparer.Ordinal);
        while (replies.Count < idJsons.Length)
        {
            var line = await Daemon.ReadLineAsync() ?? throw new Xunit.Sdk.XunitException($"Output ended before the replies to {string.Join(", ", idJsons)}.\nstderr:\n{Daemon.Stderr}");
            stdout.Add(line);
            if (idJsons.FirstOrDefault(id => line.Contains($"\"id\":{id}", StringComparison.Ordinal)) is { } answered)
            {
                replies[answered] = line;
            }
        }

        return [.. idJsons.Select(id => replies[id])];
    }

    /// <summary>Calls <paramref name="method"/> and returns its result, failing the test on an error reply.</summary>
    public async Task<JsonElement> CallAsync(string method, string parametersJson = "{}")
    {
        var line = await SendAsync(method, parametersJson);
        var reply = Reply.Parse(line);
        Assert.True(reply.TryGetProperty("result", out var result), $"{method} failed: {line}\nstderr:\n{Daemon.Stderr}");
        return result;
    }

    /// <summary>Calls <paramref name="method"/>, asserts error <paramref name="code"/> and returns the error's <c>data</c> (or an undefined element).</summary>
    public async Task<JsonElement> CallFailingAsync(string method, int code, string parametersJson = "{}") =>
        (await ErrorOfAsync(method, code, parametersJson)).TryGetProperty("data", out var data) ? data : default;

    /// <summary>Calls <paramref name="method"/>, asserts error <paramref name="code"/> and returns the error's message.</summary>
    public async Task<string> CallFailingWithMessageAsync(string method, int code, string parametersJson = "{}") =>
        (await ErrorOfAsync(method, code, parametersJson)).GetProperty("message").GetString()!;

    private async Task<JsonElement> ErrorOfAsync(string method, int code, string parametersJson)
    {
        var line = await SendAsync(method, parametersJson);
        var reply = Reply.Parse(line);
        Assert.True(reply.TryGetProperty("error", out var error), $"{method} should fail with {code}: {line}");
        Assert.True(code == error.GetProperty("code").GetInt32(), $"{method} should fail with {code}: {line}\nstderr:\n{Daemon.Stderr}");
        Reply.AssertLeaksNothingInternal(line);
        return error;
    }

    /// <summary>The params of <c>login</c> for the fake's account; <paramref name="pin"/> null leaves the PIN out.</summary>
    public static string LoginParams(bool restoreOnly = false, string? pin = FakeAccount.Pin) =>
        $$"""{"phone":"{{FakeAccount.Phone}}"{{(pin is null ? "" : $",\"pin\":\"{pin}\"")}}{{(restoreOnly ? ",\"restore_only\":true" : "")}}}""";

    /// <summary>A complete login with the authenticator code.</summary>
    public async Task LogInAsync()
    {
        Assert.Equal("waiting_2fa", (await CallAsync("login", LoginParams())).GetProperty("status").GetString());
        Assert.Equal("authenticated", (await CallAsync("confirm_2fa", $$"""{"token":"{{FakeAccount.AuthenticatorCode}}"}""")).GetProperty("status").GetString());
    }

    /// <summary>Everything the current daemon logged, once it has shut down and its stderr has ended (so no line is still on its way).</summary>
    public async Task<string> StderrAfterShutdownAsync()
    {
        if (!Daemon.HasExited)
        {
            await ShutDownAsync();
        }

        return await Daemon.StderrAfterExitAsync();
    }

    /// <summary>Logs in, then restarts the daemon on the same folder: returns the one saved session file, not yet restored.</summary>
    public async Task<string> SavedSessionOfARestartedDaemonAsync()
    {
        await LogInAsync();
        var session = Assert.Single(SessionFiles());
        await RestartDaemonAsync();
        return session;
    }

    /// <summary>The saved session files in the data folder.</summary>
    public string[] SessionFiles() => Directory.GetFiles(DataDirectory, "session-*.json");

    /// <summary>
    /// No PIN, code, process id, cookie value or full phone number in anything any daemon of this rig wrote: checked
    /// once the current daemon has shut down and every daemon's stdout and stderr have been read to their end.
    /// </summary>
    public async Task AssertNoSecretLeakedAsync()
    {
        var logs = new List<string>();
        foreach (var daemon in daemons)
        {
            logs.Add(daemon == Daemon ? await StderrAfterShutdownAsync() : await daemon.StderrAfterExitAsync());
        }

        var output = string.Join('\n', stdout.Concat(logs));
        Assert.NotEmpty(output);
        Assert.NotEmpty(Server.IssuedSecrets);
        Assert.Empty(SecretScan.Find(output, Server.IssuedSecrets));
    }

    /// <summary>Ends the current daemon with <c>shutdown</c>: its reply, the rest of its stdout (kept), exit code 0.</summary>
    private async Task ShutDownAsync()
    {
        Assert.Equal("shutting_down", (await CallAsync("shutdown")).GetProperty("status").GetString());
        stdout.AddRange(await Daemon.ReadToEndAsync());
        Assert.Equal(0, await Daemon.WaitForExitAsync());
    }

    private async Task StartDaemonAsync() =>
        daemons.Add(await DaemonProcess.StartReadyAsync(target, new DaemonSetup(DataDirectory, environment), testCancelled));

    public async ValueTask DisposeAsync()
    {
        foreach (var daemon in daemons)
        {
            await daemon.DisposeAsync();
        }

        await Server.DisposeAsync();
        Directory.Delete(rigDirectory, recursive: true);
    }
}
