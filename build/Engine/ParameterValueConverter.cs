namespace Prism.Pipeline.Engine;

/// <summary>Turns the words a source gave for a parameter into the parameter's type, or says what form was expected.</summary>
internal static class ParameterValueConverter
{
    /// <summary>Converts <paramref name="words"/>; relative paths resolve against <paramref name="baseDirectory"/>.</summary>
    public static bool TryConvert(Type type, IReadOnlyList<string> words, string baseDirectory, out object? value, out string expected)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        expected = Expected(target);
        value = null;
        if (target == typeof(string[]))
        {
            value = words.ToArray();
            return true;
        }

        if (target == typeof(bool) && words.Count == 0)
        {
            value = true;
            return true;
        }

        if (words.Count != 1)
        {
            return false;
        }

        value = ConvertSingle(target, words[0], baseDirectory);
        return value is not null;
    }

    /// <summary>How a value of this type is written, for error messages and <c>--help</c>.</summary>
    public static string Expected(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(bool) => "true or false",
        var t when t == typeof(int) => "a whole number",
        var t when t == typeof(string[]) => "a space-separated list",
        var t when t == typeof(AbsolutePath) => "a path",
        var t when t == typeof(Version) => "a version such as 2.35",
        { IsEnum: true } t => "one of: " + string.Join(", ", EnumWords(t)),
        _ => "one value",
    };

    /// <summary>The words an enum's values take on the command line: <c>SingleFile</c> → <c>single-file</c>.</summary>
    public static IEnumerable<string> EnumWords(Type enumType) => Enum.GetNames(enumType).Select(Names.ToKebabCase);

    /// <summary>Formats a value the way it would be typed, for <c>--help</c>.</summary>
    public static string Format(object? value) => value switch
    {
        null => "(not set)",
        string[] list => list.Length == 0 ? "(empty)" : string.Join(' ', list),
        Enum member => Names.ToKebabCase(member.ToString()),
        bool flag => flag ? "true" : "false",
        _ => value.ToString() ?? "",
    };

    private static object? ConvertSingle(Type type, string word, string baseDirectory) => type switch
    {
        _ when type == typeof(string) => word,
        _ when type == typeof(bool) => word.ToLowerInvariant() switch
        {
            "true" or "1" or "yes" => true,
            "false" or "0" or "no" => false,
            _ => null,
        },
        _ when type == typeof(int) => int.TryParse(word, out var number) ? number : null,
        _ when type == typeof(AbsolutePath) => new AbsolutePath(Path.Combine(baseDirectory, word)),
        _ when type == typeof(Version) => Version.TryParse(word, out var version) ? version : null,
        { IsEnum: true } => Enum.GetNames(type)
            .Where(name => Names.Normalize(name) == Names.Normalize(word))
            .Select(name => Enum.Parse(type, name))
            .FirstOrDefault(),
        _ => throw new NotSupportedException($"Parameters of type {type.Name} are not supported by the engine."),
    };
}
