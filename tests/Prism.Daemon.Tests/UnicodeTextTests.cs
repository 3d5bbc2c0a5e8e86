using Prism.Daemon.Tests.Support;

namespace Prism.Daemon.Tests;

/// <summary>
/// Valid JSON whose strings unescape to no Unicode text — a lone surrogate escape (<c>"\ud800"</c>) or a pair in the
/// wrong order (<c>"\udc00\ud800"</c>) — in any member of a request: an error reply naming where (the id echoed only
/// when it is itself readable), never the value, and the daemon goes on serving.
/// </summary>
public sealed class UnicodeTextTests
{
    /// <summary>A line, the error it must get, its id as the reply must echo it, and what the message must name.</summary>
    private static readonly (string Line, int Code, string? IdJson, string Names)[] Cases =
    [
        ("""{"jsonrpc":"2.0","method":"\ud800","id":1}""", -32600, "1", "\"method\""),
        ("""{"method":"get_status","params":{},"id":"\udc00"}""", -32600, null, "\"id\""),
        ("""{"method":"get_status","params":{},"id":"a\udc00\ud800b"}""", -32600, null, "\"id\""),
        // Both: the id, which cannot be echoed, is named.
        ("""{"method":"\ud800","id":"\udc00"}""", -32600, null, "\"id\""),
        ("""{"jsonrpc":"\udfff","method":"get_status","id":"version"}""", -32600, "\"version\"", "\"jsonrpc\""),
        ("""{"method":"get_status","\ud800":0,"id":"member"}""", -32600, "\"member\"", "a member name"),
        // After the id: a lookup of "id" by name, which starts from the last member, would throw at this name.
        ("""{"method":"get_status","id":"low","\udfff":0}""", -32600, "\"low\"", "a member name"),
        ("""{"method":"login","params":{"phone":"+4917012\ud80034567","pin":"6093"},"id":"phone"}""", -32602, "\"phone\"", "'phone'"),
        ("""{"method":"login","params":{"phone":"+491701234567","pin":"60\udc0093"},"id":"pin"}""", -32602, "\"pin\"", "'pin'"),
        ("""{"method":"confirm_2fa","params":{"token":"\udbff\udbff"},"id":"code"}""", -32602, "\"code\"", "'token'"),
        ("""{"method":"login","params":{"ph\ud800one":"+491701234567"},"id":"name"}""", -32602, "\"name\"", "a parameter of 'login'"),
    ];

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task A_string_that_is_not_unicode_in_any_member_gets_an_error_naming_it_and_the_daemon_goes_on(string daemon)
    {
        await using var process = await DaemonProcess.StartReadyAsync(DaemonTarget.Resolve(daemon), TestContext.Current.CancellationToken);

        foreach (var (line, code, idJson, names) in Cases)
        {
            await process.SendLineAsync(line);
            var reply = (await process.ReadLineAsync())!;

            var message = Reply.AssertError(reply, code, idJson);
            Assert.True(message.Contains(names, StringComparison.Ordinal) && message.Contains("not Unicode text", StringComparison.Ordinal), $"{line} got: {reply}");
            Assert.DoesNotContain("6093", reply, StringComparison.Ordinal);
        }

        // Without an id it is still no request (as {"method":null} is not): answered with id null.
        await process.SendLineAsync("""{"method":"\ud800"}""");
        Reply.AssertError((await process.ReadLineAsync())!, -32600, idJson: null);
        // A surrogate pair in the right order is text: the request is served and its id echoed as the emoji it spells.
        await process.SendLineAsync("""{"method":"get_status","params":{},"id":"\ud83d\ude00"}""");
        Assert.Equal("\U0001F600", Reply.Parse((await process.ReadLineAsync())!).GetProperty("id").GetString());
        await process.CloseInputAsync();
        Assert.Empty(await process.ReadToEndAsync());
        Assert.Equal(0, await process.WaitForExitAsync());
        var log = await process.StderrAfterExitAsync();
        Assert.DoesNotContain("Unhandled exception", log, StringComparison.Ordinal);
        Assert.DoesNotContain("6093", log, StringComparison.Ordinal);
    }

    /// <summary>An unknown method's name is repeated shortened: the cut never falls between the two halves of an emoji.</summary>
    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task A_long_unknown_method_is_repeated_without_half_a_character(string daemon)
    {
        await using var process = await DaemonProcess.StartReadyAsync(DaemonTarget.Resolve(daemon), TestContext.Current.CancellationToken);
        var name = new string('a', 63) + "\ud83d\ude00";

        await process.SendLineAsync($$"""{"method":"{{name}}","params":{},"id":"long"}""");

        var message = Reply.AssertError((await process.ReadLineAsync())!, -32601, "\"long\"");
        Assert.Contains($"'{new string('a', 63)}...'", message, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', message);
    }
}
