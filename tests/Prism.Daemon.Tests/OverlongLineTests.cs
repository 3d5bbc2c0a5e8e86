using System.Text;
using Prism.Daemon.Tests.Support;

namespace Prism.Daemon.Tests;

/// <summary>Lines over 1 MiB are refused with an error and skipped; the daemon goes on.</summary>
public sealed class OverlongLineTests
{
    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Line_over_one_mebibyte_gets_an_error_and_the_next_request_is_served(string daemon)
    {
        await using var process = await DaemonProcess.StartReadyAsync(DaemonTarget.Resolve(daemon), TestContext.Current.CancellationToken);
        var padding = new string(' ', 5 * 1024 * 1024);
        var overlong = Encoding.UTF8.GetBytes($$"""{"method":"get_status","params":{},"id":"big",{{padding}}"x":1}""" + "\n");

        await process.SendAsync(overlong);
        await process.SendLineAsync("""{"method":"get_status","params":{},"id":"next"}""");

        var message = Reply.AssertError((await process.ReadLineAsync())!, -32600, idJson: null);
        Assert.Contains("1048576", message, StringComparison.Ordinal);
        Reply.AssertResult((await process.ReadLineAsync())!, "\"next\"");
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Line_of_exactly_one_mebibyte_is_still_read(string daemon)
    {
        await using var process = await DaemonProcess.StartReadyAsync(DaemonTarget.Resolve(daemon), TestContext.Current.CancellationToken);
        const string Head = """{"method":"get_status","params":{},"id":"edge"}""";
        var line = Head + new string(' ', (1024 * 1024) - Head.Length);

        await process.SendLineAsync(line);

        Reply.AssertResult((await process.ReadLineAsync())!, "\"edge\"");
    }
}
