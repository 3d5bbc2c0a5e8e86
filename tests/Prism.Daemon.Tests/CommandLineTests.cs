using System.Text.RegularExpressions;
using Prism.Daemon.Tests.Support;
using Prism.TestSupport;

namespace Prism.Daemon.Tests;

/// <summary>
/// --version and --help print to stdout and exit 0 without speaking the protocol; a Trade Republic host that would
/// carry secrets in the clear stops the start with exit 78, naming the setting.
/// </summary>
public sealed class CommandLineTests
{
    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Version_prints_name_and_release_version_in_the_platforms_line_ending_and_exits_0(string daemon)
    {
        var target = DaemonTarget.Resolve(daemon);
        await using var process = DaemonProcess.Start(target, TestContext.Current.CancellationToken, "--version");

        var output = await process.ReadToEndAsync();

        // WriteLine ends the line with the platform's newline: CRLF on Windows, LF elsewhere (ReadToEndAsync keeps a CR).
        Assert.Matches($"^tr-daemon {Regex.Escape(ReleaseVersion.Value)}" + (target.IsWindows ? "\r" : "") + "$", Assert.Single(output));
        Assert.Equal(0, await process.WaitForExitAsync());
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Help_describes_usage_and_environment_in_the_platforms_line_ending_and_exits_0(string daemon)
    {
        var target = DaemonTarget.Resolve(daemon);
        await using var process = DaemonProcess.Start(target, TestContext.Current.CancellationToken, "--help");

        var lines = await process.ReadToEndAsync();
        var help = string.Join('\n', lines);

        // Every line, not only the last one WriteLine ended: a Windows console reader expects CRLF throughout.
        Assert.All(lines, line => Assert.True(line.EndsWith('\r') == target.IsWindows, $"{(target.IsWindows ? "A Windows binary must end every line with CRLF" : "Lines must end with LF only")}: '{line}'"));

        Assert.Contains("Usage:", help, StringComparison.Ordinal);
        Assert.Contains("--version", help, StringComparison.Ordinal);
        Assert.Contains("PRISM_DATA_DIR", help, StringComparison.Ordinal);
        Assert.Contains("PRISM_LOG_LEVEL", help, StringComparison.Ordinal);
        Assert.Contains("PRISM_TR_API_URL", help, StringComparison.Ordinal);
        Assert.Contains("PRISM_TR_APP_VERSION", help, StringComparison.Ordinal);
        Assert.Contains("PRISM_TR_WS_PROTOCOL_VERSION", help, StringComparison.Ordinal);
        Assert.Contains("PRISM_TR_PORTFOLIO_TOPIC", help, StringComparison.Ordinal);
        Assert.DoesNotContain("\"jsonrpc\"", help, StringComparison.Ordinal);
        Assert.Equal(0, await process.WaitForExitAsync());
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Unknown_argument_is_a_usage_error_on_stderr_with_exit_code_2(string daemon)
    {
        await using var process = DaemonProcess.Start(DaemonTarget.Resolve(daemon), TestContext.Current.CancellationToken, "--frobnicate");

        var output = await process.ReadToEndAsync();

        Assert.Empty(output);
        Assert.Equal(2, await process.WaitForExitAsync());
        Assert.Contains("--frobnicate", await process.StderrAfterExitAsync(), StringComparison.Ordinal);
    }

    /// <summary>Phone, PIN, codes and cookies never travel unencrypted: http/ws only to this machine, for tests and local fakes.</summary>
    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task A_cleartext_or_unusable_trade_republic_host_stops_the_start_naming_the_setting(string daemon)
    {
        var target = DaemonTarget.Resolve(daemon);
        (string Variable, string Value, string Why)[] refused =
        [
            ("PRISM_TR_API_URL", "http://api.example.com/", "unencrypted"),
            ("PRISM_TR_WS_URL", "ws://10.0.0.1:8080/", "unencrypted"),
            ("PRISM_TR_API_URL", "api.traderepublic.com", "not an absolute https:// URL"),
        ];

        foreach (var (variable, value, why) in refused)
        {
            await using var process = DaemonProcess.Start(target, new DaemonSetup(Environment: new Dictionary<string, string> { [variable] = value }), TestContext.Current.CancellationToken);

            // No ready line: a parent learns of the refusal from the exit and stderr, before anything could be sent.
            Assert.Empty(await process.ReadToEndAsync());
            Assert.Equal(78, await process.WaitForExitAsync());
            var log = await process.StderrAfterExitAsync();
            Assert.Contains($"{variable}='{value}' is refused", log, StringComparison.Ordinal);
            Assert.Contains(why, log, StringComparison.Ordinal);
            Assert.Contains("loopback host (127.0.0.0/8, ::1, localhost)", log, StringComparison.Ordinal);
        }
    }

    /// <summary>Every test does it: a loopback host over plain http/ws (here by name, and over IPv6) is accepted.</summary>
    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task A_loopback_host_may_be_plain_http_and_ws(string daemon)
    {
        var loopback = new Dictionary<string, string> { ["PRISM_TR_API_URL"] = "http://localhost:9/", ["PRISM_TR_WS_URL"] = "ws://[::1]:9/" };
        await using var process = await DaemonProcess.StartReadyAsync(DaemonTarget.Resolve(daemon), new DaemonSetup(Environment: loopback), TestContext.Current.CancellationToken);

        await process.SendLineAsync("""{"method":"get_status","params":{},"id":"up"}""");

        Reply.AssertResult((await process.ReadLineAsync())!, "\"up\"");
    }
}
