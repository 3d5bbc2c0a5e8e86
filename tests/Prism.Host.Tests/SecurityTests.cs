using System.Net;
using System.Net.Sockets;

namespace Prism.Host.Tests;

/// <summary>
/// The guards of host-api.md: Host header, bearer token, no CORS — on the real process over loopback HTTP. One host
/// (and its daemon) serves every case of the class, one after the other: none changes what the host or its daemon
/// hold (each request is refused, reads, or fails before the daemon acts).
/// </summary>
public sealed class SecurityTests(SecurityTests.OneHost shared) : IClassFixture<SecurityTests.OneHost>
{
    private readonly HostProcess host = shared.Host;

    /// <summary>The host the cases share, started before the first and stopped after the last.</summary>
    public sealed class OneHost : IAsyncLifetime
    {
        internal HostProcess Host { get; private set; } = null!;

        public async ValueTask InitializeAsync() => Host = await HostProcess.StartAsync();

        public ValueTask DisposeAsync() => Host.DisposeAsync();
    }

    [Fact]
    public async Task Health_answers_ok_without_a_token()
    {
        using var response = await host.SendAsync(HttpMethod.Get, "/api/health", token: "");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"status":"ok"}""", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("/api/status")]
    [InlineData("/API/Status")]
    [InlineData("/api/portfolio")]
    [InlineData("/api/no-such-route")]
    public async Task Api_call_without_a_token_is_refused_with_401_and_no_body(string path)
    {
        using var response = await host.SendAsync(HttpMethod.Get, path, token: "");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Api_call_with_a_wrong_token_is_refused_with_401()
    {
        using var wrong = await host.SendAsync(HttpMethod.Post, "/api/logout", token: host.Token[..^1] + (host.Token[^1] == 'A' ? 'B' : 'A'));
        using var longer = await host.SendAsync(HttpMethod.Get, "/api/status", token: host.Token + "x");

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, longer.StatusCode);
    }

    [Fact]
    public async Task Only_the_announced_token_gets_the_status_another_well_formed_one_is_refused_with_401()
    {
        // Another token as the host makes them: 32 random bytes, base64url, the length of the announced one.
        var another = System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

        using var right = await host.SendAsync(HttpMethod.Get, "/api/status");
        using var wrong = await host.SendAsync(HttpMethod.Get, "/api/status", token: another);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(
            $$"""{"status":"idle","has_saved_session":false,"version":"{{ReleaseVersion.Value}}"}""",
            await right.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.True(another.Length >= 32 && another != host.Token, $"The other token must look valid and differ: {another.Length} characters");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Empty(await wrong.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("evil.example:{port}")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:1")]
    [InlineData("localhost.evil.example:{port}")]
    [InlineData("localhost:{port}")]
    [InlineData("LOCALHOST:{port}")]
    [InlineData("[::1]:{port}")]
    public async Task Foreign_host_header_is_refused_with_403_even_for_health(string hostHeader)
    {
        var port = host.Url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(host.Url, "/api/health"));
        request.Headers.Host = hostHeader.Replace("{port}", port, StringComparison.Ordinal);

        using var response = await host.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_address_of_the_ready_line_is_accepted_and_the_host_listens_on_no_ipv6_loopback()
    {
        using (var response = await host.SendAsync(HttpMethod.Get, "/api/health", token: ""))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // localhost is refused (above) because nothing of the host answers on [::1]: a machine with an IPv6 loopback
        // refuses the connection there. Without one, "refused" would hold for any program, so the test skips.
        Assert.SkipUnless(HasIpv6Loopback(), "This machine has no IPv6 loopback ([::1] cannot be bound), so a host listening there could not be told apart.");
        var refused = await Record.ExceptionAsync(async () =>
        {
            using var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(new IPEndPoint(IPAddress.IPv6Loopback, host.Url.Port), TestContext.Current.CancellationToken);
        });
        Assert.Equal(SocketError.ConnectionRefused, Assert.IsType<SocketException>(refused).SocketErrorCode);
    }

    private static bool HasIpv6Loopback()
    {
        if (!Socket.OSSupportsIPv6)
        {
            return false;
        }

        try
        {
            using var probe = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [Theory]
    [InlineData("GET", "/api/health", false)]
    [InlineData("GET", "/api/status", true)]
    [InlineData("GET", "/api/status", false)]
    [InlineData("OPTIONS", "/api/status", false)]
    [InlineData("GET", "/", false)]
    public async Task No_response_carries_cors_headers(string method, string path, bool withToken)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(host.Url, path));
        request.Headers.Add("Origin", "https://evil.example");
        request.Headers.Add("Access-Control-Request-Method", "GET");
        request.Headers.Add("Access-Control-Request-Headers", "authorization");
        if (withToken)
        {
            request.Headers.Authorization = new("Bearer", host.Token);
        }

        using var response = await host.Http.SendAsync(request, TestContext.Current.CancellationToken);

        var headerNames = response.Headers.Concat(response.Content.Headers).Select(header => header.Key);
        Assert.DoesNotContain(headerNames, name => name.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("GET", "/api/health", "", "", HttpStatusCode.OK)]
    [InlineData("GET", "/api/status", "token", "", HttpStatusCode.OK)]
    [InlineData("GET", "/api/status", "", "", HttpStatusCode.Unauthorized)]
    [InlineData("GET", "/api/health", "", "evil.example", HttpStatusCode.Forbidden)]
    [InlineData("GET", "/api/no-such-route", "token", "", HttpStatusCode.NotFound)]
    [InlineData("GET", "/no-such-page", "", "", HttpStatusCode.NotFound)]
    [InlineData("POST", "/", "", "", HttpStatusCode.MethodNotAllowed)]
    [InlineData("POST", "/api/login", "token", "", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/api/confirm-2fa", "token", "", HttpStatusCode.Conflict)]
    [InlineData("GET", "/", "", "", HttpStatusCode.OK)]
    [InlineData("GET", "/app.js", "", "", HttpStatusCode.OK)]
    public async Task Every_response_forbids_caching_and_sniffing(string method, string path, string token, string hostHeader, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(host.Url, path));
        if (token.Length > 0)
        {
            request.Headers.Authorization = new("Bearer", host.Token);
        }

        if (hostHeader.Length > 0)
        {
            request.Headers.Host = hostHeader;
        }

        using var response = await host.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
        AssertNoStoreAndNoSniff(response);
    }

    [Fact]
    public async Task A_request_that_fails_inside_the_host_still_forbids_caching_and_sniffing()
    {
        // A body announced over Kestrel's 30 MB limit fails the endpoint's body read: a failure the host cannot answer
        // as an API error, which Kestrel would answer itself with a fresh set of headers. Over a raw socket, because
        // the answer comes (and the connection closes) before such a body could be sent.
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, host.Url.Port, TestContext.Current.CancellationToken);
        var stream = client.GetStream();
        var request = $"POST /api/login HTTP/1.1\r\nHost: 127.0.0.1:{host.Url.Port}\r\nAuthorization: Bearer {host.Token}\r\n"
            + "Content-Type: application/json\r\nContent-Length: 31000000\r\n\r\n{";
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(request), TestContext.Current.CancellationToken);

        using var reader = new StreamReader(stream, System.Text.Encoding.ASCII);
        var head = new List<string>();
        while (await reader.ReadLineAsync(TestContext.Current.CancellationToken) is { Length: > 0 } line)
        {
            head.Add(line);
        }

        Assert.StartsWith("HTTP/1.1 413 ", head.FirstOrDefault(), StringComparison.Ordinal);
        Assert.Contains("Cache-Control: no-store", head);
        Assert.Contains("X-Content-Type-Options: nosniff", head);
    }

    private static void AssertNoStoreAndNoSniff(HttpResponseMessage response)
    {
        Assert.True(response.Headers.CacheControl?.NoStore == true, $"{(int)response.StatusCode} without Cache-Control: no-store (got '{response.Headers.CacheControl}')");
        Assert.Equal(["nosniff"], response.Headers.TryGetValues("X-Content-Type-Options", out var values) ? values : []);
    }

    [Fact]
    public async Task Page_is_served_from_the_binary_with_a_same_origin_only_policy()
    {
        using var response = await host.SendAsync(HttpMethod.Get, "/", token: "");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>Prism</title>", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", string.Join(' ', response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }
}
