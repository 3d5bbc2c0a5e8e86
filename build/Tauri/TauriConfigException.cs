using Prism.Pipeline.Engine;

namespace Prism.Pipeline.Tauri;

/// <summary>A Tauri config the pipeline cannot use; the message says what is wrong, where, and how to fix it.</summary>
public sealed class TauriConfigException : Exception
{
    public TauriConfigException()
    {
    }

    public TauriConfigException(string message)
        : base(message)
    {
    }

    public TauriConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Invalid text in <paramref name="format"/> (JSON, JSON5, TOML) at a 1-based line and column.</summary>
    public static TauriConfigException Malformed(TextPosition where, string problem, string format = "JSON") =>
        new($"{where}: invalid {format}: {problem.TrimEnd()}{(problem.TrimEnd().EndsWith('.') ? "" : ".")} Fix the {format}; the file was left untouched.");

    /// <summary>A comment, which the strict JSON parser behind a .json config rejects; the JSON5 twin of the file takes it.</summary>
    public static TauriConfigException CommentsNotAllowed(TextPosition where) =>
        new($"{where}: comments are not allowed in a .json Tauri config (Tauri reads it as strict JSON). "
            + $"Remove the comment, or move the config to {System.IO.Path.GetFileName(where.Path)}5 with Tauri's `config-json5` feature. "
            + "The file was left untouched.");

    /// <summary>A config file whose extension is none of Tauri's formats.</summary>
    public static TauriConfigException UnknownFormat(string path) =>
        new($"{path}: not a Tauri config format: Tauri reads .json (tauri.conf.json), .json5 (tauri.conf.json5, Cargo "
            + "feature `config-json5`) and .toml (Tauri.toml, feature `config-toml`). Pass one of those with --tauri-config.");

    /// <summary>No main config in any folder looked at.</summary>
    public static TauriConfigException NoConfig(IReadOnlyList<string> folders, IReadOnlyList<string> names) =>
        new($"No Tauri config found: looked for {string.Join(", ", names)} in {string.Join(" and ", folders)}. "
            + "Create one there, or pass the file with --tauri-config.");

    /// <summary>Several main configs in one folder: Tauri reads the first in its order and ignores the others.</summary>
    public static TauriConfigException SeveralConfigs(string folder, IReadOnlyList<string> present) =>
        new($"{folder}: holds {string.Join(" and ", present.Select(System.IO.Path.GetFileName))}; Tauri reads only "
            + $"{System.IO.Path.GetFileName(present[0])} (it looks for tauri.conf.json, then tauri.conf.json5, then Tauri.toml) and "
            + $"ignores {string.Join(" and ", present.Skip(1).Select(System.IO.Path.GetFileName))}, so a change there would never "
            + "reach a build. Merge them into one file and delete the others.");

    /// <summary>The top-level value is not an object.</summary>
    public static TauriConfigException RootNotObject(TextPosition where) =>
        new($"{where}: a Tauri config must be a JSON object at the top level.");

    /// <summary>A key on the way to externalBin holds something other than an object.</summary>
    public static TauriConfigException NotAnObject(TextPosition where, string keyPath) =>
        new($"{where}: `{keyPath}` must be an object. Fix it by hand; the file was left untouched.");

    /// <summary>A list the pipeline edits (externalBin, a package's depends) holds something other than an array of strings.</summary>
    public static TauriConfigException NotStringArray(TextPosition where, string keyPath, string itemsAre) =>
        new($"{where}: `{keyPath}` must be an array of strings ({itemsAre}). "
            + "Fix it by hand; the file was left untouched.");

    /// <summary>An entry written with .exe, which Tauri appends itself (tauri#9981).</summary>
    public static TauriConfigException ExeSuffix(string where, string entry) =>
        new($"{where}: externalBin entry '{entry}' ends in .exe, but Tauri adds '-<triple>.exe' itself on Windows "
            + $"(tauri#9981). Write '{entry[..^4]}' instead.");

    /// <summary>An entry whose sidecar name contains a dot.</summary>
    public static TauriConfigException DottedName(string where, string entry, string problem) =>
        new($"{where}: externalBin entry '{entry}': {problem}");

    /// <summary>The config file does not exist.</summary>
    public static TauriConfigException NotFound(string path) =>
        new($"{path}: Tauri config not found. Pass the right file with --tauri-config, or create it.");

    /// <summary>Tauri's schema file is not installed.</summary>
    public static TauriConfigException SchemaMissing(string schemaPath) =>
        new($"{schemaPath}: Tauri's config schema is missing, so tauri.conf.json cannot be validated. "
            + "Run `npm ci` in the repository root (it installs the pinned @tauri-apps/cli, which ships config.schema.json).");

    /// <summary>
    /// The pinned package could not be had (npm's cache lacks its tarball and the registry did not serve a matching one),
    /// so the schema is neither available nor checkable against package-lock.json.
    /// </summary>
    public static TauriConfigException SchemaUnavailable(string schemaPath, string url, string reason) =>
        new($"{schemaPath}: Tauri's config schema could not be taken from the pinned @tauri-apps/cli, which is not in npm's cache "
            + $"and could not be fetched from {url} ({reason}), so tauri.conf.json cannot be validated: the schema is checked against "
            + "package-lock.json's integrity, which covers the package. Run `npm ci` in the repository root (it installs the pinned "
            + "@tauri-apps/cli, which ships config.schema.json, and keeps its tarball in npm's cache), or set npm_config_registry to a registry you can reach.");

    /// <summary>The installed schema is not the pinned package's.</summary>
    public static TauriConfigException SchemaAltered(string schemaPath, string package, string integrity) =>
        new($"{schemaPath}: this is not the config.schema.json of {package} that package-lock.json pins ({integrity}): it was changed, "
            + "or another version was installed. Run `npm ci` in the repository root, which installs the pinned one again.");

    /// <summary>The document breaks Tauri's schema (<paramref name="schemaName"/>: "config", "Capability").</summary>
    public static TauriConfigException SchemaViolations(string configPath, string schemaName, IReadOnlyList<SchemaViolation> violations) =>
        new(BuildException.Listing($"{configPath}: does not match Tauri's {schemaName} schema:", violations.Select(violation => violation.ToString())));

    /// <summary>One key written in both of the spellings Tauri accepts (serde refuses that as a duplicate field).</summary>
    public static TauriConfigException BothSpellings(string configPath, string location, string written, string name) =>
        new($"{configPath}: {location} is set twice, as `{written}` and as `{name}`; Tauri refuses a key given in both "
            + "spellings (duplicate field). Keep one of them. The file was left untouched.");

    /// <summary>The capability file given with --tauri-capabilities does not exist.</summary>
    public static TauriConfigException CapabilityNotFound(string path, IReadOnlyList<string> entries) =>
        new($"{path}: capability file not found. Create it (a capability decides which windows may spawn the sidecars), e.g. "
            + $"{{\"identifier\": \"sidecars\", \"windows\": [\"main\"], \"permissions\": []}}, and run again to add "
            + $"{string.Join(", ", entries)}; or leave out --tauri-capabilities when Rust spawns the sidecars (it needs no capability).");

    /// <summary>A capability file in another format than JSON (Tauri also reads .toml capabilities; this build edits JSON ones).</summary>
    public static TauriConfigException CapabilityNotJson(string path, IReadOnlyList<string> entries) =>
        new($"{path}: --tauri-capabilities edits JSON capability files only (Tauri also reads .toml ones, which this build "
            + "does not rewrite). Give the sidecars a .json capability of their own in the same folder, or add to this one by hand: "
            + "[[permissions]] identifier = \"shell:allow-spawn\" allow = ["
            + string.Join(", ", entries.Select(entry => $"{{ name = \"{entry}\", sidecar = true }}")) + "]. The file was left untouched.");

    /// <summary>The capability file is not one capability object (Tauri also reads lists and {"capabilities": [...]}).</summary>
    public static TauriConfigException NotOneCapability(TextPosition where) =>
        new($"{where}: --tauri-capabilities takes a file holding one capability (a JSON object with \"identifier\" and "
            + "\"permissions\"); this one holds a list. Move the sidecars' capability into a file of its own. The file was left untouched.");

    /// <summary>The capability has no permissions list.</summary>
    public static TauriConfigException PermissionsMissing(TextPosition where) =>
        new($"{where}: the capability has no \"permissions\" list, which Tauri requires. Add \"permissions\": [] and run again. "
            + "The file was left untouched.");

    /// <summary>A value that must be a list is something else.</summary>
    public static TauriConfigException CapabilityValueNotArray(TextPosition where, string what) =>
        new($"{where}: `{what}` must be a JSON array. Fix it by hand; the file was left untouched.");

    /// <summary>A scope entry names a sidecar but lacks "sidecar": true, so the shell plugin would refuse the spawn.</summary>
    public static TauriConfigException SidecarFlagMissing(TextPosition where, string name) =>
        new($"{where}: the shell:allow-spawn entry for '{name}' lacks \"sidecar\": true, so the shell plugin would refuse to "
            + "spawn the sidecar (it treats the entry as a plain program). Add \"sidecar\": true to it. The file was left untouched.");

    /// <summary>A key the pipeline reads holds something other than a string (or null).</summary>
    public static TauriConfigException NotAString(TextPosition where, string keyPath, string valueIs) =>
        new($"{where}: `{keyPath}` must be a string ({valueIs}). Fix it by hand; the file was left untouched.");

    /// <summary>JIT single files for macOS, but the config names no entitlements file.</summary>
    public static TauriConfigException EntitlementsNotSet(string configPath, string keyPath, IReadOnlyList<string> jitBinaries) =>
        new($"{configPath}: sets no {keyPath}, but {JitCause(jitBinaries)} Run PatchTauriConfig with --macos-entitlements FILE "
            + $"(e.g. Entitlements.plist beside the config: it is created with the entitlement, or patched, and {keyPath} set to it), "
            + $"or add these lines inside the top-level <dict> of your entitlements file and set {keyPath} to it:"
            + $"{Environment.NewLine}{Entitlements.MacJitEntitlement.Lines}{Environment.NewLine}"
            + "or publish the macOS sidecars as Native AOT on a Mac (--publish-mode aot), which needs no entitlement.");

    /// <summary>The entitlements file the config names does not exist.</summary>
    public static TauriConfigException EntitlementsMissing(string file, string configPath, string keyPath, IReadOnlyList<string> jitBinaries) =>
        new($"{file}: not found, but {keyPath} in {configPath} names it and {JitCause(jitBinaries)} Run PatchTauriConfig, "
            + "which creates it with the entitlement, or create it with these lines inside its top-level <dict>:"
            + $"{Environment.NewLine}{Entitlements.MacJitEntitlement.Lines}");

    /// <summary>The entitlements file lacks allow-jit.</summary>
    public static TauriConfigException EntitlementLacking(string file, IReadOnlyList<string> jitBinaries) =>
        new($"{file}: lacks {Entitlements.MacJitEntitlement.Key}, but {JitCause(jitBinaries)} Run PatchTauriConfig, which adds it, "
            + $"or add these lines inside the file's top-level <dict>:{Environment.NewLine}{Entitlements.MacJitEntitlement.Lines}");

    /// <summary>allow-jit is set, but not to true.</summary>
    public static TauriConfigException EntitlementNotTrue(TextPosition where, string valueElement, IReadOnlyList<string> jitBinaries) =>
        new($"{where}: {Entitlements.MacJitEntitlement.Key} is <{valueElement}/>, but "
            + (jitBinaries.Count > 0 ? JitCause(jitBinaries) : "a macOS sidecar of this run is a JIT single file, which macOS kills at launch without it.")
            + " Make its value <true/> (the pipeline does not overrule an entitlement you set), or publish the macOS sidecars as "
            + "Native AOT on a Mac (--publish-mode aot). The file was left untouched.");

    /// <summary>--macos-entitlements names another file than the config does.</summary>
    public static TauriConfigException EntitlementsConflict(string configPath, string keyPath, string declared, string requested) =>
        new($"{configPath}: {keyPath} names \"{declared}\", but --macos-entitlements names {requested}; Tauri signs with the one the "
            + "config names, so the pipeline patches only that. Leave out --macos-entitlements, or point the config at the other file "
            + "yourself. Nothing was written.");

    /// <summary>The macOS overlay removes the entitlements entry with null.</summary>
    public static TauriConfigException EntitlementsRemovedByOverlay(string overlayPath, string keyPath) =>
        new($"{overlayPath}: sets {keyPath} to null, which removes the entitlements from macOS builds; an entry added to the main "
            + "config would never apply. Set it to your entitlements file there, or delete the null. Nothing was written.");

    /// <summary>The entitlements file holds no top-level dict.</summary>
    public static TauriConfigException EntitlementsNotADict(TextPosition where) =>
        new($"{where}: not an entitlements property list: it must hold <plist><dict>…</dict></plist>. Fix it by hand; the file was left untouched.");

    /// <summary>The entitlements file is not well-formed XML.</summary>
    public static TauriConfigException EntitlementsMalformed(TextPosition where, string problem) =>
        new($"{where}: invalid XML in an entitlements file: {problem} Fix it by hand; the file was left untouched.");

    private static string JitCause(IReadOnlyList<string> jitBinaries) =>
        $"{string.Join(", ", jitBinaries)} {(jitBinaries.Count == 1 ? "is a JIT single file" : "are JIT single files")} for macOS: "
        + $"Tauri signs every sidecar with the app's entitlements and the hardened runtime, and macOS kills a JIT-ing process at "
        + $"launch without {Entitlements.MacJitEntitlement.Key}.";
}
