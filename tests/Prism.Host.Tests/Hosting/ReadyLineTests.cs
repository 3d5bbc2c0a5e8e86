using Prism.Host.Hosting;

namespace Prism.Host.Tests.Hosting;

/// <summary>The ready line carries the API token to the launcher on stdout, and nowhere else.</summary>
public sealed class ReadyLineTests
{
    [Fact]
    public void Its_text_form_names_everything_but_the_token()
    {
        var token = HostToken.Generate();

        var text = ReadyLine.For(49152, token).ToString();

        Assert.DoesNotContain(token, text, StringComparison.Ordinal);
        Assert.Contains("Url = http://127.0.0.1:49152/", text, StringComparison.Ordinal);
        Assert.Contains("Token = <redacted>", text, StringComparison.Ordinal);
    }
}
