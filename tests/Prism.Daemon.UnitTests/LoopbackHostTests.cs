using Prism.Daemon.Upstream;

namespace Prism.Daemon.UnitTests;

/// <summary>Which hosts may be reached over plain http/ws: this machine only, by address or by the name localhost.</summary>
public sealed class LoopbackHostTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8080/", true)]
    [InlineData("http://127.200.3.4/", true)]
    [InlineData("http://[::1]:9/", true)]
    [InlineData("http://localhost/", true)]
    [InlineData("ws://LocalHost:1234/", true)]
    [InlineData("http://128.0.0.1/", false)]
    [InlineData("http://0.0.0.0/", false)]
    [InlineData("http://10.0.0.1/", false)]
    [InlineData("http://[::2]/", false)]
    // System.Uri reads the name "loopback" as localhost, and that is where a request then goes.
    [InlineData("http://loopback/", true)]
    [InlineData("http://localhost.example.com/", false)]
    [InlineData("http://127.0.0.1.nip.io/", false)]
    [InlineData("http://api.traderepublic.com/", false)]
    public void Only_127_0_0_0_8_and_the_ipv6_loopback_and_localhost_are_loopback(string url, bool loopback)
    {
        Assert.Equal(loopback, TradeRepublicSettings.IsLoopback(new Uri(url)));
    }
}
