using System.Reflection;
using Prism.Daemon.Hosting;
using Prism.Daemon.Upstream;

namespace Prism.Daemon.UnitTests;

/// <summary>--help is where a user learns the settings: every environment variable the daemon reads is on it, with its default.</summary>
public sealed class HelpTextTests
{
    [Fact]
    public void Help_lists_every_setting_with_its_default()
    {
        using var output = new StringWriter();
        Assert.Equal(0, CommandLine.Run(Command.PrintHelp, ["--help"], output, TextWriter.Null));
        var lines = output.ToString().Split('\n').Select(line => line.Trim()).ToList();

        string[] variables = [.. new[] { typeof(TradeRepublicSettings), typeof(DaemonOptions) }
            .SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(field => field.IsLiteral && field.Name.EndsWith("Variable", StringComparison.Ordinal))
            .Select(field => (string)field.GetRawConstantValue()!)];

        Assert.Contains("PRISM_TR_PRICE_TIMEOUT_S", variables);
        foreach (var variable in variables)
        {
            var line = Assert.Single(lines, line => line.StartsWith(variable + " ", StringComparison.Ordinal));
            Assert.Contains("default", line, StringComparison.Ordinal);
        }
    }
}
