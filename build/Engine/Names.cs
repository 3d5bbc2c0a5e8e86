using System.Text;

namespace Prism.Pipeline.Engine;

/// <summary>How names typed by people are matched to names in code.</summary>
internal static class Names
{
    /// <summary>Case-insensitive, dashes and underscores ignored: <c>patch-tauri-config</c> matches <c>PatchTauriConfig</c>.</summary>
    public static string Normalize(string name) =>
        new(name.Where(c => c is not ('-' or '_')).Select(char.ToLowerInvariant).ToArray());

    /// <summary><c>PublishMode</c> → <c>publish-mode</c>, the form options and enum values take on the command line.</summary>
    public static string ToKebabCase(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var startsWord = char.IsUpper(c) && i > 0 &&
                             (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1])));
            if (startsWord)
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
