namespace Prism.Pipeline.Tauri;

/// <summary>Writes the one splice that adds what the pipeline needs to a config, in the format and layout of the file
/// (<see cref="StringListEditor"/> for JSON and JSON5, <see cref="Formats.TomlTextEditor"/> for TOML).</summary>
internal interface IConfigTextEditor
{
    /// <summary>The splice that makes the list at <paramref name="location"/> end with <paramref name="entries"/>,
    /// creating the list (and the tables or objects on its way) when it is missing.</summary>
    TextSplice Append(StringListLocation location, IReadOnlyList<string> entries);

    /// <summary>The splice that sets the missing key at the end of <paramref name="missingKeys"/> below
    /// <paramref name="container"/> to the string <paramref name="value"/>.</summary>
    TextSplice AddString(JsonSpan container, IReadOnlyList<string> missingKeys, string value);
}
