using System.Text;
using Prism.Pipeline.Tauri;

namespace Prism.Pipeline.Tests.Tauri;

/// <summary>
/// Configs written the way people write them, in all three formats, checked for what a patch must never do rather than
/// for one exact output: nothing of the original is lost or reordered (it is a subsequence of the result), a CRLF file
/// gains no bare LF, every sidecar and dependency is then listed after the user's own entries, the result is still
/// valid, and a second run changes no byte.
/// </summary>
public class HeldOutConfigTests
{
    public static TheoryData<string, string> Fixtures => new()
    {
        { "tauri.conf.json", "{\n    \"bundle\" : {\n        \"externalBin\" : [ \"bin/own\" ],\n        \"active\" : true\n    },\n    \"identifier\" : \"a.b\"\n}" },
        { "tauri.conf.json", "{\"bundle\":{\"linux\":{\"rpm\":{\"depends\":[\"openssl-libs >= 3\"]}}},\"identifier\":\"a.b\"}\n" },
        { "tauri.conf.json", "\uFEFF{\r\n\t\"identifier\": \"a.b\",\r\n\t\"bundle\": {\r\n\t\t\"linux\": {\r\n\t\t\t\"deb\": {\"depends\": []}\r\n\t\t}\r\n\t}\r\n}\r\n" },
        { "tauri.conf.json5", "// top\n{\n  bundle: { externalBin: [ /* none yet */ ] },\n  identifier: \"a.b\", // id\n}\n" },
        { "tauri.conf.json5", "{\r\n\t'identifier': 'a.b',\r\n\t'bundle': {\r\n\t\t'externalBin': [\r\n\t\t\t'bin/own', /* mine */\r\n\t\t],\r\n\t},\r\n}" },
        { "tauri.conf.json5", "{identifier:\"a.b\",bundle:{linux:{deb:{depends:['libfoo (>= 1)',],},},icon:[],},app:{windows:[{width:0x400,},],},}" },
        { "tauri.conf.json5", "/* header\n   comment */\n{\n    \"identifier\": \"a.b\",\n    app: { windows: [ { width: +800, height: .5E3, x: -0x10, y: 1., } ] },\n}" },
        { "Tauri.toml", "# Prism\nidentifier = \"a.b\"\n\n[bundle.linux.rpm]\ndepends = [\n  \"openssl-libs\", # ok\n]\n\n[bundle]\nactive = true\n\n[build]\nfrontend-dist = \"dist\"\n\n[plugins.deep-link]\ndesktop = { schemes = [\"prism\"] }\n" },
        { "Tauri.toml", "identifier = \"a.b\"\r\n\r\n[bundle]\r\n\texternal-bin = [ 'bin/own' ] # mine\r\n\r\n[[app.windows]]\r\ntitle = \"Prism\"\r\n" },
        { "Tauri.toml", "\"identifier\" = \"a.b\"\nbundle = { active = true, \"external-bin\" = [], linux = { deb = { depends = [\"libfoo\"] } } }\n" },
        { "Tauri.toml", "identifier = \"a.b\"\n[app]\nsecurity.csp = \"default-src 'self'\"\n[bundle.macos]\nminimum-system-version = \"12.0\"\n" },
        { "Tauri.toml", "identifier=\"a.b\"\n[bundle]\nlinux.deb.depends=['libssl3']\n# trailing comment, no newline at the end" },
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void A_patch_only_adds_lists_every_entry_after_the_users_own_and_a_second_run_changes_nothing(string fileName, string config)
    {
        using var folder = new TemporaryFolder();
        var patched = ConfigFixture.PatchText(folder, config, LinuxPackageDependency.OpenSsl3, fileName);
        var keptBom = File.ReadAllBytes(Path.Combine(folder.Path, fileName)).AsSpan().StartsWith((byte[])[0xEF, 0xBB, 0xBF]);
        var again = ConfigFixture.PatchText(folder, patched, LinuxPackageDependency.OpenSsl3, fileName);

        // File.ReadAllText drops a byte order mark: the bytes say whether it stayed.
        Assert.Equal(config.StartsWith('\uFEFF'), keptBom);
        Assert.True(IsSubsequence(config.TrimStart('\uFEFF'), patched), $"the patch lost or reordered original text:\n{patched}");
        Assert.Equal(patched, again);
        if (config.Contains("\r\n", StringComparison.Ordinal))
        {
            Assert.DoesNotMatch("[^\r]\n", patched);
        }

        var document = TauriConfigDocument.Parse(Path.Combine(folder.Path, fileName), Encoding.UTF8.GetBytes(patched));
        Assert.Equal(ConfigFixture.Sidecars, document.Entries.TakeLast(2));
        foreach (var dependency in LinuxPackageDependency.OpenSsl3)
        {
            Assert.True(dependency.IsDeclaredBy(document.Find(dependency.KeyPath, "package names").Entries.Select(entry => entry.StringValue!)), patched);
        }
    }

    /// <summary>Whether every character of <paramref name="original"/> appears in <paramref name="patched"/>, in order.</summary>
    private static bool IsSubsequence(string original, string patched)
    {
        var next = 0;
        foreach (var character in patched)
        {
            if (next < original.Length && original[next] == character)
            {
                next++;
            }
        }

        return next == original.Length;
    }
}
