using Prism.Pipeline.Tauri;

namespace Prism.Pipeline.Tests.Tauri;

public class IdempotenceTests
{
    [Theory]
    [InlineData("{\n  \"identifier\": \"a.b\"\n}\n")]
    [InlineData("{\r\n\t\"identifier\": \"a.b\",\r\n\t\"bundle\": {}\r\n}")]
    [InlineData("{\"tauri\":{\"bundle\":{\"externalBin\":[]}}}")]
    public void Second_run_leaves_the_file_byte_identical_and_says_unchanged(string config)
    {
        using var folder = new TemporaryFolder();
        var path = folder.Write("tauri.conf.json", config);
        var patcher = new TauriConfigPatcher(ConfigFixture.Validator);
        patcher.Patch(path, ConfigFixture.Sidecars);
        var afterFirst = File.ReadAllBytes(path);

        var second = patcher.Patch(path, ConfigFixture.Sidecars);

        Assert.False(second.Changed);
        Assert.StartsWith($"{path}: unchanged;", second.Summary, StringComparison.Ordinal);
        Assert.Equal(afterFirst, File.ReadAllBytes(path));
    }

    [Fact]
    public void Complete_file_is_not_rewritten()
    {
        using var folder = new TemporaryFolder();
        var path = folder.Write("tauri.conf.json", "{\"identifier\": \"a.b\", \"bundle\": {\"externalBin\": [\"src-tauri/binaries/prism\", \"src-tauri/binaries/tr-daemon\"]}}");
        var written = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, written);

        new TauriConfigPatcher(ConfigFixture.Validator).Patch(path, ConfigFixture.Sidecars);

        Assert.Equal(written, File.GetLastWriteTimeUtc(path));
    }
}
