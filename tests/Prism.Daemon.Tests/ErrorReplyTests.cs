using Prism.Daemon.Tests.Support;

namespace Prism.Daemon.Tests;

/// <summary>Bad input is answered with the right JSON-RPC error, leaks nothing, and the daemon keeps serving.</summary>
public sealed class ErrorReplyTests
{
    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Line_that_is_not_json_gets_parse_error_with_null_id(string daemon)
    {
        await using var process = await DaemonProcess.StartReadyAsync(DaemonTarget.Resolve(daemon), TestContext.Current.CancellationToken);

        await process.SendLineAsync("""{"method":"get_status", oops""");

        Reply.AssertError((await process.ReadLineAsync())!, -32700, idJson: null);
        await AssertStillServingAsync(process);
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Line_that_is_not_valid_utf8_gets_parse_error(string daemon)
    {
        await using var process = await DaemonProcess.StartReadyAsync(DaemonTarget.Resolve(daemon), TestContext.Current.CancellationToken);

        await process.SendAsync([.. "{\"method\":\"get_status\",\"id\":\""u8, 0xC3, 0x28, .. "\"}\n"u8]);

        Reply.AssertError((await process.ReadLineAsync())!, -32700, idJson: null);
        await AssertStillServingAsync(process);
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Json_that_is_not_a_request_object_gets_invalid_request(string daemon)
    {
        await using var process = await DaemonProcess.StartReadyAsync(DaemonTarget.Resolve(daemon), TestContext.Current.CancellationToken);

        await process.SendLineAsync("42");
        await process.SendLineAsync("""{"params":{},"id":3}""");
        await process.SendLineAsync("""{"method":"get_status","id":{"nested":true}}""");
        await process.SendLineAsync("""{"jsonrpc":"1.0","method":"get_status","id":4}""");
        await process.SendLineAsync("""{"method":"get_status","params":"text","id":5}""");

        Reply.AssertError((await process.ReadLineAsync())!, -32600, idJson: null);
        Reply.AssertError((await process.ReadLineAsync())!, -32600, idJson: "3");
        Reply.AssertError((await process.ReadLineAsync())!, -32600, idJson: null);
        Reply.AssertError((await process.ReadLineAsync())!, -32600, idJson: "4");
        Assert.Contains("params", Reply.AssertError((await process.ReadLineAsync())!, -32600, idJson: "5"), StringComparison.Ordinal);
        await AssertStillServingAsync(process);
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Unknown_method_gets_method_not_found(string daemon)
    {
        await using var process = await DaemonProcess.StartReadyAsync(DaemonTarget.Resolve(daemon), TestContext.Current.CancellationToken);

        await process.SendLineAsync("""{"jsonrpc":"2.0","method":"no_such_method","params":{},"id":"u1"}""");

        var message = Reply.AssertError((await process.ReadLineAsync())!, -32601, idJson: "\"u1\"");
        Assert.Contains("no_such_method", message, StringComparison.Ordinal);
        await AssertStillServingAsync(process);
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Session_methods_without_a_session_answer_the_contract_errors(string daemon)
    {
        await using var process = await DaemonProcess.StartReadyAsync(DaemonTarget.Resolve(daemon), TestContext.Current.CancellationToken);

        // One at a time: requests run concurrently, so pipelined replies may arrive in any order.
        await process.SendLineAsync("""{"method":"login","params":{},"id":1}""");
        Assert.Contains("'phone'", Reply.AssertError((await process.ReadLineAsync())!, -32602, idJson: "1"), StringComparison.Ordinal);
        await process.SendLineAsync("""{"method":"confirm_2fa","params":{},"id":2}""");
        Reply.AssertError((await process.ReadLineAsync())!, 1006, idJson: "2");
        await process.SendLineAsync("""{"method":"fetch_portfolio","params":{},"id":3}""");
        Reply.AssertError((await process.ReadLineAsync())!, 1001, idJson: "3");
        await process.SendLineAsync("""{"method":"logout","params":{},"id":4}""");
        Assert.Equal("logged_out", Reply.AssertResult((await process.ReadLineAsync())!, "4").GetProperty("status").GetString());
    }

    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task Wrong_params_get_invalid_params_naming_the_parameter_without_its_value(string daemon)
    {
        await using var process = await DaemonProcess.StartReadyAsync(DaemonTarget.Resolve(daemon), TestContext.Current.CancellationToken);

        await process.SendLineAsync("""{"method":"get_status","params":{"pin":"98765"},"id":"p1"}""");
        await process.SendLineAsync("""{"method":"get_status","params":["98765"],"id":"p2"}""");
        var named = await process.ReadLineAsync();
        var positional = await process.ReadLineAsync();

        Assert.Contains("'pin'", Reply.AssertError(named!, -32602, idJson: "\"p1\""), StringComparison.Ordinal);
        Reply.AssertError(positional!, -32602, idJson: "\"p2\"");
        Assert.DoesNotContain("98765", named, StringComparison.Ordinal);
        Assert.DoesNotContain("98765", positional, StringComparison.Ordinal);
        await AssertStillServingAsync(process);
        // The whole log, once the daemon has ended: a line about the bad params may be written after its reply.
        await process.CloseInputAsync();
        Assert.Empty(await process.ReadToEndAsync());
        Assert.DoesNotContain("98765", await process.StderrAfterExitAsync(), StringComparison.Ordinal);
    }

    /// <summary>A value that ends in a newline is not the value: "6093\n" must never reach Trade Republic as a PIN.</summary>
    [Theory(Timeout = TestTimeouts.Default)]
    [MemberData(nameof(DaemonTarget.Labels), MemberType = typeof(DaemonTarget))]
    public async Task A_phone_pin_or_code_with_a_trailing_newline_gets_invalid_params(string daemon)
    {
        await using var process = await DaemonProcess.StartReadyAsync(DaemonTarget.Resolve(daemon), TestContext.Current.CancellationToken);

        await process.SendLineAsync("""{"method":"login","params":{"phone":"+491701234567\n","pin":"6093"},"id":"n1"}""");
        await process.SendLineAsync("""{"method":"login","params":{"phone":"+491701234567","pin":"6093\n"},"id":"n2"}""");
        await process.SendLineAsync("""{"method":"confirm_2fa","params":{"token":"123456\n"},"id":"n3"}""");

        Assert.Contains("'phone'", Reply.AssertError((await process.ReadLineAsync())!, -32602, idJson: "\"n1\""), StringComparison.Ordinal);
        Assert.Contains("'pin'", Reply.AssertError((await process.ReadLineAsync())!, -32602, idJson: "\"n2\""), StringComparison.Ordinal);
        Assert.Contains("'token'", Reply.AssertError((await process.ReadLineAsync())!, -32602, idJson: "\"n3\""), StringComparison.Ordinal);
        await AssertStillServingAsync(process);
    }

    private static async Task AssertStillServingAsync(DaemonProcess process)
    {
        await process.SendLineAsync("""{"method":"get_status","params":{},"id":"still-serving"}""");
        Reply.AssertResult((await process.ReadUntilReplyAsync("\"still-serving\"")).Last(), "\"still-serving\"");
    }
}
