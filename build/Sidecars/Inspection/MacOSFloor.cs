using MachOMachine = ELFSharp.MachO.Machine;

namespace Prism.Pipeline.Sidecars.Inspection;

/// <summary>
/// The oldest macOS the app promises (<c>bundle.macOS.minimumSystemVersion</c>, which Tauri writes into Info.plist as
/// <c>LSMinimumSystemVersion</c>): macOS installs the app there, so every sidecar slice must start there too.
/// </summary>
/// <param name="Promised">The promised version; null when the config sets null (no minimum declared).</param>
/// <param name="Source">Where the promise comes from, for messages (the config and key, or Tauri's default).</param>
/// <param name="ConfigPath">The config to change, for the fix.</param>
internal sealed record MacOSFloor(Version? Promised, string Source, string ConfigPath)
{
    /// <summary>Tauri's default for an unset or empty <c>minimumSystemVersion</c> (its config schema says so).</summary>
    public const string TauriDefault = "10.13";

    /// <summary>
    /// The promise from what the configs set, the platform config (<c>tauri.macos.conf.json</c>, merged over the main
    /// one for macOS bundles) first; null for a config that leaves it unset.
    /// </summary>
    /// <exception cref="FormatException">A set value is not a version like "12.0".</exception>
    public static MacOSFloor FromConfigs(IEnumerable<(string Path, bool IsSet, string? Value)> configs, string mainConfigPath)
    {
        foreach (var (path, isSet, value) in configs)
        {
            if (!isSet)
            {
                continue;
            }

            var source = $"bundle.macOS.minimumSystemVersion in {path}";
            return value is null
                ? new MacOSFloor(null, source, path)
                : new MacOSFloor(Version.TryParse(value, out var version) && version.Major >= 10 ? version
                    : throw new FormatException($"{source} is `{value}`, not a macOS version such as \"12.0\" (or null for no minimum)."), source, path);
        }

        return new MacOSFloor(Version.Parse(TauriDefault), $"Tauri's default, as {mainConfigPath} sets no bundle.macOS.minimumSystemVersion", mainConfigPath);
    }

    /// <summary>The figure and problems of one Mach-O file (each slice on its own).</summary>
    public FloorCheck Check(string fileName, IReadOnlyList<MachOSlice> slices)
    {
        var figure = string.Join(", ", slices.Select(slice =>
            $"{Architecture(slice)} macOS {(slice.MinimumMacOS is { } version ? VersionNumbers.Short(version) : "(none recorded)")}")) +
            (Promised is null ? " (the app declares no minimum macOS)" : $" (app promises {VersionNumbers.Short(Promised)})");
        if (Promised is null)
        {
            return new(figure, []);
        }

        var problems = slices
            .Where(slice => slice.MinimumMacOS is { } needed && VersionNumbers.IsNewer(needed, Promised))
            .Select(slice =>
            {
                var needed = VersionNumbers.Short(slice.MinimumMacOS!);
                var promised = VersionNumbers.Short(Promised);
                var part = slices.Count > 1 ? $"its {Architecture(slice)} slice" : $"it ({Architecture(slice)})";
                return $"{fileName}: {part} needs macOS {needed} ({slice.MinimumMacOSCommand}), but the app promises macOS {promised} " +
                       $"({Source}): on macOS {promised} up to {needed} the app installs and starts while this sidecar cannot launch. " +
                       $"Either promise what the sidecar needs — set \"minimumSystemVersion\": \"{needed}\" under bundle.macOS in {ConfigPath} — " +
                       $"or build the sidecar for macOS {promised} (a deployment target of {promised}, which its runtime must support: " +
                       $".NET's own minimum macOS is what its publishes record here, so a .NET sidecar can go no lower).";
            })
            .ToList();
        return new(figure, problems);
    }

    private static string Architecture(MachOSlice slice) => BinaryHeaderReader.MachOArchitecture((MachOMachine)slice.CpuType);
}
