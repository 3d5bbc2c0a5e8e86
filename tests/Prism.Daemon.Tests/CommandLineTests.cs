using System.Text.RegularExpressions;
using Prism.Daemon.Tests.Support;
using Prism.Tests;

namespace Prism.Daemon.Tests;

/// <summary>--version and --help print to stdout and exit 0 without speaking the protocol.</summary>
public sealed class CommandLineTests
{
    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Version_prints_name_and_release_version_and_exits_0(string daemon)
    {
        await using var process = DaemonProcess.Start(DaemonTarget.Resolve(daemon), TestContext.Current.CancellationToken, "--version");

        var output = await process.ReadToEndAsync();

        // WriteLine ends the line with Environment.NewLine: CRLF on Windows (ReadToEndAsync keeps the CR).
        Assert.Matches($@"^tr-daemon {Regex.Escape(ReleaseVersion.Value)}\r?$", Assert.Single(output));
        Assert.Equal(0, await process.WaitForExitAsync());
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Help_describes_usage_and_environment_and_exits_0(string daemon)
    {
        await using var process = DaemonProcess.Start(DaemonTarget.Resolve(daemon), TestContext.Current.CancellationToken, "--help");

        var help = string.Join('\n', await process.ReadToEndAsync());

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
        Assert.Contains("--frobnicate", process.Stderr, StringComparison.Ordinal);
    }
}
