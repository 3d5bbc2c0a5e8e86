using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using Prism.Daemon.Tests.Support;

namespace Prism.Daemon.Tests;

/// <summary>
/// The daemon holds a PIN, codes and cookies in memory: it writes no core file (core limit 0, soft and hard) and is
/// not dumpable, which Linux shows as /proc/&lt;pid&gt; belonging to root instead of the process's own user.
/// </summary>
public sealed partial class CoreDumpTests
{
    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task The_daemon_may_write_no_core_file(string daemon)
    {
        var target = DaemonTarget.Resolve(daemon);
        SkipUnlessLinux(target);
        await using var process = await DaemonProcess.StartReadyAsync(target, TestContext.Current.CancellationToken);

        // Read after the ready line: the limit is set before the daemon writes it. Under qemu-user the process is the
        // emulator, which passes the daemon's setrlimit on to the kernel.
        var limits = await File.ReadAllTextAsync($"/proc/{process.Id}/limits", TestContext.Current.CancellationToken);

        var core = CoreLimit().Match(limits);
        Assert.True(core.Success, $"No core line in /proc/{process.Id}/limits:\n{limits}");
        Assert.Equal(("0", "0"), (core.Groups["soft"].Value, core.Groups["hard"].Value));
    }

    /// <summary>Run as nobody, so that /proc/&lt;pid&gt; would be nobody's if the process were dumpable.</summary>
    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    [UnsupportedOSPlatform("windows")]
    public async Task The_daemon_is_not_dumpable(string daemon)
    {
        SkipUnlessLinux(DaemonTarget.Resolve(daemon));
        using var nobody = AnotherUser.Prepare(daemon);
        var folder = AnotherUser.OwnFolder();
        try
        {
            await using var process = await DaemonProcess.StartReadyAsync(nobody.Target, new DaemonSetup(folder, AnotherUser.Environment), TestContext.Current.CancellationToken);

            var status = await File.ReadAllLinesAsync($"/proc/{process.Id}/status", TestContext.Current.CancellationToken);

            Assert.Contains(status, line => line.StartsWith("Uid:", StringComparison.Ordinal) && line.Contains($"\t{AnotherUser.Uid}\t", StringComparison.Ordinal));
            Assert.Equal(0, AnotherUser.OwnerOf($"/proc/{process.Id}/status"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void SkipUnlessLinux(DaemonTarget target) =>
        Assert.SkipUnless(OperatingSystem.IsLinux() && !target.IsWindows,
            $"{target.Label}: /proc shows the core limit and the dumpable flag on Linux only (macOS sets the core limit too; Windows writes no core file).");

    [GeneratedRegex(@"^Max core file size\s+(?<soft>\S+)\s+(?<hard>\S+)", RegexOptions.Multiline)]
    private static partial Regex CoreLimit();
}
