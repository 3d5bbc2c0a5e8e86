using Prism.Pipeline.Sidecars;

namespace Prism.Pipeline.Tauri;

/// <summary>Rules for the paths listed in <c>externalBin</c>.</summary>
internal static class ExternalBinEntries
{
    /// <summary>The path in the form used to compare entries: forward slashes, no leading <c>./</c>.</summary>
    public static string Normalize(string entry)
    {
        var slashed = entry.Replace('\\', '/');
        while (slashed.StartsWith("./", StringComparison.Ordinal))
        {
            slashed = slashed[2..];
        }

        return slashed;
    }

    /// <summary>Whether <paramref name="entries"/> already lists <paramref name="entry"/>, in any spelling of the same path.</summary>
    public static bool Contains(IEnumerable<string> entries, string entry) =>
        entries.Any(existing => Normalize(existing) == Normalize(entry));

    /// <summary>The sidecar name: the entry's last path segment.</summary>
    public static string SidecarName(string entry) => Normalize(entry).Split('/')[^1];

    /// <summary>Rejects an entry Tauri would mishandle; <paramref name="where"/> says where it came from.</summary>
    public static void EnsureUsable(string entry, string where)
    {
        if (entry.EndsWith(".exe", StringComparison.OrdinalIgnoreCase))
        {
            throw TauriConfigException.ExeSuffix(where, entry);
        }

        var name = SidecarName(entry);
        if (SidecarNameRules.HasDot(name))
        {
            throw TauriConfigException.DottedName(where, entry, SidecarNameRules.DotMessage(name));
        }
    }
}
