using Prism.Pipeline.Tools;

namespace Prism.Pipeline.Tauri.Entitlements;

/// <summary>
/// Makes the app's entitlements grant <see cref="MacJitEntitlement.Key"/> when a staged macOS sidecar is a JIT single
/// file: the file the config names (or <c>--macos-entitlements</c>, which also sets <c>bundle.macOS.entitlements</c>
/// when the config names none), patched byte for byte — two lines spliced after its last entry, every other entitlement
/// kept — or created as a minimal plist when missing. A config that names no file, without the parameter, fails with
/// the lines to add: entitlements apply to the whole app, so the pipeline never picks a file on its own.
/// </summary>
public sealed class MacEntitlementsPatcher(TauriSchemaValidator validator, AtomicFile file)
{
    public MacEntitlementsPatcher(TauriSchemaValidator validator)
        : this(validator, new AtomicFile())
    {
    }

    /// <summary>Grants the entitlement for <paramref name="jitBinaries"/>; <paramref name="requestedFile"/> is
    /// <c>--macos-entitlements</c> (null when not given). Nothing is written unless everything checked out.</summary>
    public MacEntitlementsPatchResult Patch(string configPath, IReadOnlyList<string> jitBinaries, string? requestedFile)
    {
        if (jitBinaries.Count == 0)
        {
            return new MacEntitlementsPatchResult(requestedFile, "not needed: no macOS sidecar of this run is a JIT single file (Native AOT needs no entitlement)");
        }

        var setting = MacEntitlementsSetting.Read(configPath);
        if (!setting.HardenedRuntime)
        {
            return new MacEntitlementsPatchResult(setting.FullPath ?? requestedFile, "not needed: bundle.macOS.hardenedRuntime is false, so macOS lets the sidecars JIT");
        }

        var (target, setEntry) = Target(setting, jitBinaries, requestedFile);
        var (plist, plistNote) = PatchedPlist(target);
        var config = setEntry ? WithEntry(configPath, setting, target) : null;

        // The plist first: should the config write fail, a plist nobody names yet harms nothing.
        if (plist is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            file.WriteAllBytes(target, plist);
        }

        if (config is not null)
        {
            file.WriteAllBytes(configPath, config);
        }

        var entryNote = setEntry ? $"; {setting.EntitlementsKeyText} set to \"{setting.Spelling(target)}\" in {configPath}" : "";
        return new MacEntitlementsPatchResult(target, plistNote + entryNote, plist is not null || config is not null);
    }

    /// <summary>The file to patch, and whether the config must be made to name it.</summary>
    private static (string Target, bool SetEntry) Target(MacEntitlementsSetting setting, IReadOnlyList<string> jitBinaries, string? requestedFile)
    {
        if (setting.FullPath is { } declared)
        {
            return requestedFile is null || Path.GetFullPath(requestedFile) == declared
                ? (declared, false)
                : throw TauriConfigException.EntitlementsConflict(setting.DeclaredIn, setting.EntitlementsKeyText, setting.Entitlements!, requestedFile);
        }

        if (requestedFile is null)
        {
            throw TauriConfigException.EntitlementsNotSet(setting.DeclaredIn, setting.EntitlementsKeyText, jitBinaries);
        }

        // The macOS overlay sets the entry to null: an entry added to the main config would be removed again.
        return setting.DeclaredIn != setting.ConfigPath
            ? throw TauriConfigException.EntitlementsRemovedByOverlay(setting.DeclaredIn, setting.EntitlementsKeyText)
            : (Path.GetFullPath(requestedFile), true);
    }

    /// <summary>The entitlements file's new bytes (null: already granted) and what was done.</summary>
    private static (byte[]? Bytes, string Note) PatchedPlist(string target)
    {
        if (!File.Exists(target))
        {
            return (EntitlementsPlist.Minimal(MacJitEntitlement.Key), $"created with {MacJitEntitlement.Key}");
        }

        var plist = EntitlementsPlist.Parse(target, File.ReadAllBytes(target));
        return plist.ValueOf(MacJitEntitlement.Key) switch
        {
            "true" => (null, $"grants {MacJitEntitlement.Key}"),
            null => (plist.WithTrue(MacJitEntitlement.Key), $"added {MacJitEntitlement.Key}"),
            var other => throw TauriConfigException.EntitlementNotTrue(plist.PositionOf(MacJitEntitlement.Key), other, []),
        };
    }

    /// <summary>The main config naming <paramref name="target"/>, checked against Tauri's schema before anything is written.</summary>
    private byte[] WithEntry(string configPath, MacEntitlementsSetting setting, string target)
    {
        var document = TauriConfigDocument.Load(configPath);
        var patched = document.AddString(setting.EntitlementsKeys, setting.Spelling(target));
        if (document.Version == TauriConfigVersion.V2)
        {
            var reparsed = TauriConfigDocument.Parse(configPath, patched, document.Version);
            validator.EnsureValid(configPath, reparsed.ToSchemaJson(validator));
        }

        return patched;
    }
}

/// <summary>What <see cref="MacEntitlementsPatcher"/> did: the entitlements file (null when none is involved), what it
/// found or did there, and whether it wrote anything.</summary>
public sealed record MacEntitlementsPatchResult(string? EntitlementsPath, string Note, bool Changed = false)
{
    /// <summary>One line for the log.</summary>
    public string Summary => EntitlementsPath is null ? $"macOS entitlements: {Note}" : $"{EntitlementsPath}: {Note}";
}
