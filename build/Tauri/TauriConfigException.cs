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

    /// <summary>Invalid JSON at a 1-based line and column.</summary>
    public static TauriConfigException Malformed(TextPosition where, string problem) =>
        new($"{where}: invalid JSON: {problem} Fix the JSON; the file was left untouched.");

    /// <summary>A comment, which the strict JSON parser behind tauri.conf.json rejects.</summary>
    public static TauriConfigException CommentsNotAllowed(TextPosition where) =>
        new($"{where}: comments are not allowed in a .json Tauri config (Tauri reads it as strict JSON). "
            + "Remove the comment, or move the config to tauri.conf.json5 with Tauri's `config-json5` feature. "
            + "The file was left untouched.");

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
        new($"{configPath}: does not match Tauri's {schemaName} schema:{Environment.NewLine}"
            + string.Join(Environment.NewLine, violations.Select(violation => $"  {violation}")));

    /// <summary>The capability file given with --tauri-capabilities does not exist.</summary>
    public static TauriConfigException CapabilityNotFound(string path, IReadOnlyList<string> entries) =>
        new($"{path}: capability file not found. Create it (a capability decides which windows may spawn the sidecars), e.g. "
            + $"{{\"identifier\": \"sidecars\", \"windows\": [\"main\"], \"permissions\": []}}, and run again to add "
            + $"{string.Join(", ", entries)}; or leave out --tauri-capabilities when Rust spawns the sidecars (it needs no capability).");

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
}
