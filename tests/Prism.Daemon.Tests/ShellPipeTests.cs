using System.Diagnostics;
using Prism.Daemon.Tests.Support;

namespace Prism.Daemon.Tests;

/// <summary>The original plan's smoke test, through a real shell pipe: echo a request into tr-daemon.</summary>
public sealed class ShellPipeTests
{
    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Echo_piped_into_the_daemon_prints_ready_line_and_reply_then_exits_0(string daemon)
    {
        Assert.SkipUnless(File.Exists("/bin/sh"), "Needs a POSIX shell at /bin/sh.");
        var target = DaemonTarget.Resolve(daemon);
        var command = string.Join(' ', target.Command.Select(Quote));
        var startInfo = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add($$"""echo '{"method":"get_status","params":{},"id":"1"}' | {{command}}""");
        foreach (var (name, value) in target.Binary?.Emulator?.Environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        using var dataDirectory = new TemporaryFolder();
        startInfo.Environment["PRISM_DATA_DIR"] = target.PathSeenByDaemon(dataDirectory.Path);

        var shell = await ProcessRunner.RunAsync(startInfo, target.Patience, TestContext.Current.CancellationToken);

        var lines = shell.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 2, $"Expected the ready line and one reply, got:\n{shell}");
        Assert.Equal("ready", Reply.Parse(lines[0]).GetProperty("status").GetString());
        Reply.AssertResult(lines[1], "\"1\"");
        Assert.Equal(0, shell.ExitCode);
    }

    private static string Quote(string argument) => "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
