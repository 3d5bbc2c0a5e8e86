namespace Prism.Pipeline.Tauri;

/// <summary>Tells the config formats apart and knows where each keeps <c>externalBin</c>.</summary>
internal static class TauriConfigLayout
{
    // Keys only v2 has at the top level; v1 has `tauri` (and `package`) instead.
    private static readonly string[] V2OnlyKeys = ["app", "bundle", "identifier"];

    /// <summary>v2 when any v2-only top-level key is present, v1 when `tauri` is, else v2 (a new config).</summary>
    public static TauriConfigVersion Detect(JsonSpan root) =>
        root.Members.Any(member => V2OnlyKeys.Contains(member.Name)) ? TauriConfigVersion.V2
        : root.Member("tauri") is not null ? TauriConfigVersion.V1
        : TauriConfigVersion.V2;

    /// <summary>The keys leading to the object that holds <c>externalBin</c>.</summary>
    public static IReadOnlyList<string> BundlePath(TauriConfigVersion version) =>
        version == TauriConfigVersion.V1 ? ["tauri", "bundle"] : ["bundle"];

    /// <summary>The keys leading to <c>externalBin</c>.</summary>
    public static IReadOnlyList<string> ExternalBinPath(TauriConfigVersion version) => [.. BundlePath(version), "externalBin"];
}
