using Prism.Pipeline.Tauri;

namespace Prism.Pipeline.Tests.Tauri;

/// <summary>How a config sets bundle.macOS.minimumSystemVersion, as Verify's macOS floor reads it.</summary>
public sealed class MinimumSystemVersionTests
{
    [Theory]
    [InlineData("""{"identifier": "a.b"}""", false, null)]
    [InlineData("""{"bundle": {"macOS": {"minimumSystemVersion": ""}}}""", false, null)]
    [InlineData("""{"bundle": {"macOS": {"minimumSystemVersion": null}}}""", true, null)]
    [InlineData("""{"bundle": {"macOS": {"minimumSystemVersion": "12.0"}}}""", true, "12.0")]
    [InlineData("""{"bundle": {"macOS": {"minimumSystemVersion": 12}}}""", true, "12")]
    [InlineData("""{"tauri": {"bundle": {"macOS": {"minimumSystemVersion": "10.15"}}}}""", true, "10.15")]
    public void The_config_says_whether_and_what_it_promises(string json, bool isSet, string? value)
    {
        var document = TauriConfigDocument.Parse("tauri.conf.json", System.Text.Encoding.UTF8.GetBytes(json));

        Assert.Equal((isSet, value), document.MinimumSystemVersion);
    }
}
