using System.Text;
using System.Text.Json;
using Prism.Pipeline.Tools;

namespace Prism.Pipeline.Tauri;

/// <summary>
/// Keeps a Tauri capability file's <c>shell:allow-spawn</c> scope in step with <c>externalBin</c>, for a front end
/// that spawns the sidecars from JavaScript: each sidecar gets <c>{"name": "&lt;externalBin entry&gt;", "sidecar": true}</c>
/// (the shell plugin matches the name against the entry exactly), appended in the file's own layout to the first
/// <c>shell:allow-spawn</c> permission, or in a new one. Every other byte stays; the result is validated against the
/// <c>Capability</c> definition of Tauri's schema before it is written, and the file is written only when it changed.
/// </summary>
public sealed class SidecarCapabilityPatcher(TauriSchemaValidator capabilityValidator, AtomicFile file)
{
    public const string SpawnPermission = "shell:allow-spawn";

    public SidecarCapabilityPatcher(TauriSchemaValidator capabilityValidator)
        : this(capabilityValidator, new AtomicFile())
    {
    }

    /// <summary>Adds a scope entry for each of <paramref name="externalBinEntries"/> (spelled as in the config) that the file lacks.</summary>
    public SidecarCapabilityPatchResult Patch(string capabilityPath, IReadOnlyList<string> externalBinEntries)
    {
        if (!File.Exists(capabilityPath))
        {
            throw TauriConfigException.CapabilityNotFound(capabilityPath, externalBinEntries);
        }

        if (!capabilityPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            throw TauriConfigException.CapabilityNotJson(capabilityPath, externalBinEntries);
        }

        var utf8 = File.ReadAllBytes(capabilityPath);
        var root = JsonSpanParser.Parse(capabilityPath, utf8);
        var permissions = PermissionsOf(capabilityPath, utf8, root);
        var spawnEntries = permissions.Items.Where(IsSpawnPermission).ToList();
        var listed = spawnEntries.SelectMany(entry => AllowItems(capabilityPath, utf8, entry)).ToList();
        foreach (var item in listed.Where(item => externalBinEntries.Contains(NameOf(item), StringComparer.Ordinal)))
        {
            EnsureSidecarFlag(capabilityPath, utf8, item);
        }

        var missing = externalBinEntries.Where(entry => !listed.Any(item => NameOf(item) == entry)).Distinct(StringComparer.Ordinal).ToArray();
        var patched = missing.Length == 0 ? utf8 : Splice(utf8, root, permissions, spawnEntries, missing).ApplyTo(utf8);
        capabilityValidator.EnsureValid(capabilityPath, Encoding.UTF8.GetString(patched));
        if (missing.Length > 0)
        {
            file.WriteAllBytes(capabilityPath, patched);
        }

        return new SidecarCapabilityPatchResult(capabilityPath, missing);
    }

    /// <summary>The capability's <c>permissions</c> array; a file holding several capabilities, or none, is refused.</summary>
    private static JsonSpan PermissionsOf(string path, byte[] utf8, JsonSpan root)
    {
        if (root.Kind != JsonTokenType.StartObject || root.Member("capabilities") is not null)
        {
            throw TauriConfigException.NotOneCapability(TextPosition.Of(path, utf8, root.Start));
        }

        return root.Member("permissions") switch
        {
            { Value.Kind: JsonTokenType.StartArray } member => member.Value,
            { } member => throw TauriConfigException.CapabilityValueNotArray(TextPosition.Of(path, utf8, member.Value.Start), "permissions"),
            null => throw TauriConfigException.PermissionsMissing(TextPosition.Of(path, utf8, root.Start)),
        };
    }

    private static bool IsSpawnPermission(JsonSpan permission) =>
        permission.Kind == JsonTokenType.StartObject && permission.Member("identifier")?.Value.StringValue == SpawnPermission;

    /// <summary>The objects in a <c>shell:allow-spawn</c> entry's <c>allow</c> list (none when it has no list yet).</summary>
    private static IEnumerable<JsonSpan> AllowItems(string path, byte[] utf8, JsonSpan spawnEntry) => spawnEntry.Member("allow")?.Value switch
    {
        null or { Kind: JsonTokenType.Null } => [],
        { Kind: JsonTokenType.StartArray } allow => allow.Items.Where(item => item.Kind == JsonTokenType.StartObject),
        var other => throw TauriConfigException.CapabilityValueNotArray(TextPosition.Of(path, utf8, other.Start), $"{SpawnPermission} allow"),
    };

    private static string? NameOf(JsonSpan allowItem) => allowItem.Member("name")?.Value.StringValue;

    /// <summary>A scope entry naming a sidecar without <c>"sidecar": true</c> would make the plugin refuse the spawn.</summary>
    private static void EnsureSidecarFlag(string path, byte[] utf8, JsonSpan item)
    {
        if (item.Member("sidecar")?.Value.Kind != JsonTokenType.True)
        {
            throw TauriConfigException.SidecarFlagMissing(TextPosition.Of(path, utf8, item.Start), NameOf(item)!);
        }
    }

    /// <summary>Appends to the first spawn permission's <c>allow</c> list, or adds a spawn permission holding the entries.</summary>
    private static TextSplice Splice(byte[] utf8, JsonSpan root, JsonSpan permissions, List<JsonSpan> spawnEntries, string[] missing)
    {
        var insertions = new JsonInsertions(utf8, JsonTextStyle.Detect(utf8, root));
        var items = missing.Select(entry => AllowItemText(insertions.Style, entry)).ToArray();
        if (spawnEntries.FirstOrDefault() is not { } spawn)
        {
            var permission = SpawnPermissionText(insertions, permissions, items);
            return permissions.Items.Count > 0
                ? insertions.AppendItems(permissions, [permission])
                : insertions.Fill(permissions, [permission], insertions.IsBlock(root));
        }

        return spawn.Member("allow")?.Value switch
        {
            { Items.Count: > 0 } allow => insertions.AppendItems(allow, items),
            { } emptyOrNull => insertions.Fill(emptyOrNull, items, insertions.IsBlock(spawn)),
            null => insertions.AppendMember(spawn, "allow", insertions.ArrayText(items, insertions.LineIndent(spawn.Members[^1].NameStart), insertions.IsBlock(spawn))),
        };
    }

    /// <summary><c>{"name": "…", "sidecar": true}</c>, on one line, with the file's key separator.</summary>
    private static string AllowItemText(JsonTextStyle style, string entry) =>
        "{" + JsonInsertions.Quote("name") + style.KeySeparator + JsonInsertions.Quote(entry) + style.InlineItemSeparator
            + JsonInsertions.Quote("sidecar") + style.KeySeparator + "true}";

    /// <summary>A new <c>shell:allow-spawn</c> permission, laid out over lines when the permissions list is.</summary>
    private static string SpawnPermissionText(JsonInsertions insertions, JsonSpan permissions, string[] items)
    {
        var style = insertions.Style;
        var identifier = JsonInsertions.Quote("identifier") + style.KeySeparator + JsonInsertions.Quote(SpawnPermission);
        var allowKey = JsonInsertions.Quote("allow") + style.KeySeparator;
        if (!insertions.IsBlock(permissions) && permissions.Items.Count > 0 || style.IsSingleLine)
        {
            return "{" + identifier + style.InlineItemSeparator + allowKey + insertions.ArrayText(items, "", block: false) + "}";
        }

        var indent = insertions.ItemIndent(permissions);
        var inner = indent + style.IndentUnit;
        return "{" + style.NewLine + inner + identifier + "," + style.NewLine + inner + allowKey + insertions.ArrayText(items, inner, block: true)
            + style.NewLine + indent + "}";
    }
}

/// <summary>What <see cref="SidecarCapabilityPatcher"/> did to one capability file.</summary>
public sealed record SidecarCapabilityPatchResult(string CapabilityPath, IReadOnlyList<string> AddedEntries)
{
    public bool Changed => AddedEntries.Count > 0;

    /// <summary>One line for the build summary.</summary>
    public string Summary => Changed
        ? $"{CapabilityPath}: allowed spawning {string.Join(", ", AddedEntries)}; valid against Tauri's Capability schema"
        : $"{CapabilityPath}: unchanged; valid against Tauri's Capability schema";
}
