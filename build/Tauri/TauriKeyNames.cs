namespace Prism.Pipeline.Tauri;

/// <summary>
/// How Tauri matches a config key: its camelCase name, or the serde alias tauri-utils declares for TOML — the name in
/// lower case with dashes between words (<c>external-bin</c>, <c>minimum-system-version</c>, <c>macos</c> for
/// <c>macOS</c>, <c>enable-gtk-app-id</c> for <c>enableGTKAppId</c>). Compared without the dashes, 91 of the 92 aliases
/// in tauri-utils' config match this rule (the odd one: <c>install-icon</c> for <c>installerIcon</c>, a key the pipeline
/// never touches); it also accepts a dash-less lower-case spelling Tauri would refuse, which Tauri then names itself.
/// </summary>
internal static class TauriKeyNames
{
    /// <summary>Whether <paramref name="written"/> (as the file spells it) names the key <paramref name="name"/>.</summary>
    public static bool Matches(string written, string name) =>
        written == name || IsLowerKebab(written) && string.Equals(written.Replace("-", "", StringComparison.Ordinal), name, StringComparison.OrdinalIgnoreCase);

    /// <summary>The spelling a TOML config gets for a key the pipeline adds: Tauri's documented kebab-case
    /// (<c>externalBin</c> → <c>external-bin</c>, <c>macOS</c> → <c>macos</c>).</summary>
    public static string Kebab(string name)
    {
        var text = new System.Text.StringBuilder();
        for (var index = 0; index < name.Length; index++)
        {
            // A dash starts each capitalised word; an acronym (the OS of macOS) stays glued to the word before it.
            if (index > 0 && char.IsUpper(name[index]) && index + 1 < name.Length && char.IsLower(name[index + 1]))
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(name[index]));
        }

        return text.ToString();
    }

    private static bool IsLowerKebab(string written) =>
        written.Length > 0 && written.All(character => character is >= 'a' and <= 'z' or >= '0' and <= '9' or '-');
}
