using System.Text.Json;

namespace Prism.Pipeline.Engine;

/// <summary><c>.nuke/parameters.json</c>: values checked into the repository, the lowest-precedence source.</summary>
internal sealed class ParametersFile
{
    public const string DisplayName = ".nuke/parameters.json";

    private readonly Dictionary<string, IReadOnlyList<string>> values;

    private ParametersFile(Dictionary<string, IReadOnlyList<string>> values, string baseDirectory)
    {
        this.values = values;
        BaseDirectory = baseDirectory;
    }

    /// <summary>Relative paths in the file are relative to the repository root.</summary>
    public string BaseDirectory { get; }

    /// <summary>Reads the file when it exists; a malformed file fails with its line and column.</summary>
    public static ParametersFile Load(AbsolutePath root)
    {
        var path = root / ".nuke" / "parameters.json";
        var values = new Dictionary<string, IReadOnlyList<string>>();
        if (!path.FileExists)
        {
            return new ParametersFile(values, root);
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            foreach (var property in document.RootElement.EnumerateObject().Where(property => property.Name != "$schema"))
            {
                values[Names.Normalize(property.Name)] = Words(property.Value);
            }
        }
        catch (JsonException exception)
        {
            throw BuildException.InvalidParameters(
                [$"{path}:{exception.LineNumber + 1}:{exception.BytePositionInLine + 1}: not valid JSON ({FirstSentence(exception.Message)})."]);
        }
        catch (InvalidOperationException)
        {
            throw BuildException.InvalidParameters([$"{path}: expected a JSON object of parameter names and values."]);
        }

        return new ParametersFile(values, root);
    }

    /// <summary>The words the file gives for a parameter, or <c>null</c> when it does not name it.</summary>
    public IReadOnlyList<string>? Find(string name) => values.GetValueOrDefault(Names.Normalize(name));

    private static List<string> Words(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => value.EnumerateArray().Select(Text).ToList(),
        _ => [Text(value)],
    };

    private static string Text(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    private static string FirstSentence(string message) => message.Split(" LineNumber")[0].TrimEnd('.', ' ');
}
