namespace Prism.Pipeline.Tauri.Entitlements;

/// <summary>
/// The entitlement a JIT-ing .NET sidecar needs on macOS: Tauri signs every sidecar with the app's entitlements and the
/// hardened runtime, which kills a process that JIT-compiles unless <c>com.apple.security.cs.allow-jit</c> is granted
/// (dotnet/runtime#119429); a Native AOT sidecar compiles nothing at run time and needs none. Verify asks for it
/// (<see cref="Problems"/>); PatchTauriConfig adds it (<see cref="MacEntitlementsPatcher"/>).
/// </summary>
public static class MacJitEntitlement
{
    public const string Key = "com.apple.security.cs.allow-jit";

    /// <summary>What keeps <paramref name="jitBinaries"/> (staged macOS JIT single files) from starting once Tauri signed
    /// them with the app at <paramref name="configPath"/>: empty when the entitlement is granted or not needed.</summary>
    public static IReadOnlyList<string> Problems(string configPath, IReadOnlyList<string> jitBinaries)
    {
        try
        {
            if (jitBinaries.Count == 0 || MacEntitlementsSetting.Read(configPath) is not { HardenedRuntime: true } setting)
            {
                return [];
            }

            if (setting.FullPath is not { } file)
            {
                return [TauriConfigException.EntitlementsNotSet(setting.DeclaredIn, setting.EntitlementsKeyText, jitBinaries).Message];
            }

            if (!File.Exists(file))
            {
                return [TauriConfigException.EntitlementsMissing(file, setting.DeclaredIn, setting.EntitlementsKeyText, jitBinaries).Message];
            }

            var plist = EntitlementsPlist.Parse(file, File.ReadAllBytes(file));
            return plist.ValueOf(Key) switch
            {
                "true" => [],
                null => [TauriConfigException.EntitlementLacking(file, jitBinaries).Message],
                var other => [TauriConfigException.EntitlementNotTrue(plist.PositionOf(Key), other, jitBinaries).Message],
            };
        }
        catch (TauriConfigException problem)
        {
            return [problem.Message];
        }
    }

    /// <summary>The lines to add inside the top-level <c>&lt;dict&gt;</c>, as messages show them.</summary>
    internal static string Lines => EntitlementsPlist.Lines(Key, "    ");
}
