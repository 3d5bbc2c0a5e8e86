namespace Prism.Pipeline.Tests.Tauri;

public class TextLayoutPreservationTests
{
    [Fact]
    public void Crlf_file_stays_crlf_everywhere()
    {
        using var folder = new TemporaryFolder();

        var patched = ConfigFixture.PatchText(folder, "{\r\n  \"identifier\": \"a.b\",\r\n  \"bundle\": {\r\n    \"active\": true\r\n  }\r\n}\r\n");

        Assert.Equal("{\r\n  \"identifier\": \"a.b\",\r\n  \"bundle\": {\r\n    \"active\": true,\r\n    \"externalBin\": [\r\n"
            + "      \"src-tauri/binaries/prism\",\r\n      \"src-tauri/binaries/tr-daemon\"\r\n    ]\r\n  }\r\n}\r\n", patched);
    }

    [Fact]
    public void Four_space_indentation_is_kept()
    {
        using var folder = new TemporaryFolder();

        var patched = ConfigFixture.PatchText(folder, "{\n    \"identifier\": \"a.b\"\n}\n");

        Assert.Equal("{\n    \"identifier\": \"a.b\",\n    \"bundle\": {\n        \"externalBin\": [\n"
            + "            \"src-tauri/binaries/prism\",\n            \"src-tauri/binaries/tr-daemon\"\n        ]\n    }\n}\n", patched);
    }

    [Fact]
    public void Tab_indentation_is_kept()
    {
        using var folder = new TemporaryFolder();

        var patched = ConfigFixture.PatchText(folder, "{\n\t\"identifier\": \"a.b\",\n\t\"bundle\": {\n\t\t\"externalBin\": [\n\t\t\t\"x/y\"\n\t\t]\n\t}\n}\n");

        Assert.Equal("{\n\t\"identifier\": \"a.b\",\n\t\"bundle\": {\n\t\t\"externalBin\": [\n\t\t\t\"x/y\",\n"
            + "\t\t\t\"src-tauri/binaries/prism\",\n\t\t\t\"src-tauri/binaries/tr-daemon\"\n\t\t]\n\t}\n}\n", patched);
    }

    [Fact]
    public void Missing_trailing_newline_stays_missing()
    {
        using var folder = new TemporaryFolder();

        var patched = ConfigFixture.PatchText(folder, "{\n  \"identifier\": \"a.b\"\n}");

        Assert.EndsWith("\n  }\n}", patched, StringComparison.Ordinal);
    }

    [Fact]
    public void Single_line_list_stays_on_one_line()
    {
        using var folder = new TemporaryFolder();

        var patched = ConfigFixture.PatchText(folder, "{\n  \"identifier\": \"a.b\",\n  \"bundle\": { \"externalBin\": [\"x/y\"] }\n}\n");

        Assert.Equal("{\n  \"identifier\": \"a.b\",\n  \"bundle\": { \"externalBin\": [\"x/y\", \"src-tauri/binaries/prism\", \"src-tauri/binaries/tr-daemon\"] }\n}\n", patched);
    }

    [Fact]
    public void Minified_file_stays_minified()
    {
        using var folder = new TemporaryFolder();

        var patched = ConfigFixture.PatchText(folder, "{\"identifier\":\"a.b\"}");

        Assert.Equal("{\"identifier\":\"a.b\",\"bundle\":{\"externalBin\":[\"src-tauri/binaries/prism\",\"src-tauri/binaries/tr-daemon\"]}}", patched);
    }

    [Fact]
    public void Byte_order_mark_is_kept()
    {
        using var folder = new TemporaryFolder();
        var path = folder.WriteBytes("tauri.conf.json", [0xEF, 0xBB, 0xBF, .. "{\"identifier\": \"a.b\"}"u8]);

        new Prism.Pipeline.Tauri.TauriConfigPatcher(ConfigFixture.Validator).Patch(path, ConfigFixture.Sidecars);

        Assert.Equal([0xEF, 0xBB, 0xBF, (byte)'{'], File.ReadAllBytes(path)[..4]);
    }
}
