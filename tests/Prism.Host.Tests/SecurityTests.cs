using System.Net;

namespace Prism.Host.Tests;

/// <summary>The guards of host-api.md: Host header, bearer token, no CORS — on the real process over loopback HTTP.</summary>
public sealed class SecurityTests : IAsyncLifetime
{
    private HostProcess host = null!;

    public async ValueTask InitializeAsync() => host = await HostProcess.StartAsync();

    public ValueTask DisposeAsync() => host.DisposeAsync();

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

    [Theory]
    [InlineData("evil.example")]
    [InlineData("evil.example:{port}")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:1")]
    [InlineData("localhost.evil.example:{port}")]
    public async Task Foreign_host_header_is_refused_with_403_even_for_health(string hostHeader)
    {
        var port = host.Url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(host.Url, "/api/health"));
        request.Headers.Host = hostHeader.Replace("{port}", port, StringComparison.Ordinal);

        using var response = await host.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Localhost_with_the_right_port_is_accepted()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(host.Url, "/api/health"));
        request.Headers.Host = $"localhost:{host.Url.Port}";

        using var response = await host.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
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
