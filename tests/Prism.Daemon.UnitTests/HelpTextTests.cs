using System.Reflection;
using System.Text.RegularExpressions;
using Prism.Daemon.Hosting;
using Prism.Daemon.Upstream;

namespace Prism.Daemon.UnitTests;

/// <summary>--help is where a user learns the settings: every environment variable the daemon reads is on it, with its default.</summary>
public sealed class HelpTextTests
{
    /// <summary>
    /// The settings and their defaults as daemon-protocol.md ("Configuration") and the reported Trade Republic web
    /// app give them, written out here: a default changed in the code, a setting dropped from the help or one added
    /// without telling the user fails this list, not just a check of the help against the code's own constants.
    /// </summary>
    private static readonly (string Variable, string Default)[] Settings =
    [
        ("PRISM_DATA_DIR", "default: per-user application data + /prism"),
        ("PRISM_LOG_LEVEL", "Information (default)"),
        ("PRISM_TR_API_URL", "default https://api.traderepublic.com/"),
        ("PRISM_TR_WS_URL", "default wss://api.traderepublic.com/"),
        ("PRISM_TR_LOGIN_API", "v2 (default, web login)"),
        ("PRISM_TR_APP_VERSION", "default 2.2631.13"),
        ("PRISM_TR_PLATFORM", "default web-pro"),
        ("PRISM_TR_LOCALE", "default de"),
        ("PRISM_TR_USER_AGENT", "default a desktop Chrome"),
        ("PRISM_TR_TIMEOUT_S", "default 30"),
        ("PRISM_TR_PRICE_TIMEOUT_S", "default 5"),
        ("PRISM_TR_WS_PROTOCOL_VERSION", "default 31"),
        ("PRISM_TR_PORTFOLIO_TOPIC", "default compactPortfolioByType"),
        ("PRISM_TR_REFRESH_AFTER_S", "default 290"),
    ];

    [Fact]
    public void Help_lists_every_setting_with_its_default()
    {
        var lines = HelpLines();

        Assert.Equal(Settings.Select(setting => setting.Variable), lines.Where(line => line.StartsWith("PRISM_", StringComparison.Ordinal)).Select(line => line.Split(' ')[0]));
        foreach (var (variable, expectedDefault) in Settings)
        {
            var line = Assert.Single(lines, line => line.StartsWith(variable + " ", StringComparison.Ordinal));
            // Whole: "default 5" must not pass for "default 50" or "default 5.5".
            Assert.Matches(Regex.Escape(expectedDefault) + @"(?![\w.])", line);
        }
    }

    [Fact]
    public void Every_setting_the_daemon_reads_is_in_the_list_above()
    {
        // The code's names of its environment variables, in every type of the daemon (the shared SidecarLogging
        // included): one it reads that the list lacks must be added there (and to the help).
        string[] read = [.. typeof(DaemonOptions).Assembly.GetTypes()
            .SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Where(field => field.IsLiteral && field.FieldType == typeof(string) && field.Name.EndsWith("Variable", StringComparison.Ordinal))
            .Select(field => (string)field.GetRawConstantValue()!)
            .Distinct()];

        Assert.Contains("PRISM_LOG_LEVEL", read);
        Assert.Contains("PRISM_TR_API_URL", read);
        Assert.All(read, variable => Assert.Contains(variable, Settings.Select(setting => setting.Variable)));
    }

    [Fact]
    public void Help_says_that_the_hosts_take_https_and_wss_only_and_plain_only_for_loopback()
    {
        var help = string.Join('\n', HelpLines());

        Assert.Contains("(https:// only; http:// only for a loopback host (127.0.0.0/8, ::1, localhost), as for tests and local fakes; anything else: no start)", help, StringComparison.Ordinal);
        Assert.Contains("(wss:// only; ws:// only for a loopback host (127.0.0.0/8, ::1, localhost), as for tests and local fakes; anything else: no start)", help, StringComparison.Ordinal);
    }

    private static List<string> HelpLines()
    {
        using var output = new StringWriter();
        Assert.Equal(0, CommandLine.Run(Command.PrintHelp, ["--help"], output, TextWriter.Null));
        return [.. output.ToString().Split('\n').Select(line => line.Trim())];
    }
}
