using System.Text.Json;
using Prism.Protocol;

namespace Prism.Daemon.Transport;

/// <summary>
/// Checks a request's <c>params</c> against the contract's parameters of its method. Problems name the
/// parameter and what it must be, never its value (it may be a PIN).
/// </summary>
internal static class ParameterValidator
{
    /// <summary>Null when <paramref name="parameters"/> (absent, object or array) fits <paramref name="method"/>; otherwise what is wrong.</summary>
    public static string? FindProblem(string method, JsonElement? parameters)
    {
        var specs = MethodParameters.Of(method);
        return parameters switch
        {
            null => MissingRequired(method, specs, present: []),
            { ValueKind: JsonValueKind.Array } array => PositionalProblem(method, specs, array),
            { } named => NamedProblem(method, specs, named),
        };
    }

    private static string? PositionalProblem(string method, IReadOnlyList<ParameterSpec> specs, JsonElement array)
    {
        if (array.GetArrayLength() > 0)
        {
            return specs.Count == 0
                ? $"'{method}' takes no parameters; send \"params\":{{}} or leave params out."
                : $"'{method}' takes named parameters; send params as an object with {Describe(specs)}.";
        }

        return MissingRequired(method, specs, present: []);
    }

    private static string? NamedProblem(string method, IReadOnlyList<ParameterSpec> specs, JsonElement named)
    {
        var present = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var member in named.EnumerateObject())
        {
            var spec = specs.FirstOrDefault(s => s.Name == member.Name);
            if (spec is null)
            {
                return specs.Count == 0
                    ? $"unknown parameter '{ErrorReply.Shorten(member.Name)}': '{method}' takes no parameters."
                    : $"unknown parameter '{ErrorReply.Shorten(member.Name)}' for '{method}'; it takes {Describe(specs)}.";
            }

            if (ValueProblem(method, spec, member.Value) is { } problem)
            {
                return problem;
            }

            present[member.Name] = member.Value;
        }

        return MissingRequired(method, specs, present);
    }

    private static string? ValueProblem(string method, ParameterSpec spec, JsonElement value) => spec.Kind switch
    {
        ParameterKind.TrueOrFalse when value.ValueKind is not (JsonValueKind.True or JsonValueKind.False) =>
            $"parameter '{spec.Name}' of '{method}' must be true or false.",
        ParameterKind.Text when value.ValueKind != JsonValueKind.String =>
            $"parameter '{spec.Name}' of '{method}' must be a string{FormatHint(spec)}.",
        ParameterKind.Text when spec.Format is { } format && !format.IsMatch(value.GetString()!) =>
            $"parameter '{spec.Name}' of '{method}' must be {spec.FormatDescription}.",
        _ => null,
    };

    private static string? MissingRequired(string method, IReadOnlyList<ParameterSpec> specs, Dictionary<string, JsonElement> present) =>
        specs.FirstOrDefault(s => s.Required && !present.ContainsKey(s.Name) && !Waived(s, present)) is { } missing
            ? $"missing parameter '{missing.Name}' for '{method}'{FormatHint(missing)}{WaiverHint(missing)}."
            : null;

    private static bool Waived(ParameterSpec spec, Dictionary<string, JsonElement> present) =>
        spec.OptionalWhenTrue is { } flag && present.TryGetValue(flag, out var value) && value.ValueKind == JsonValueKind.True;

    private static string WaiverHint(ParameterSpec spec) =>
        spec.OptionalWhenTrue is { } flag ? $"; it may be left out only with \"{flag}\":true" : "";

    private static string FormatHint(ParameterSpec spec) =>
        spec.FormatDescription is null ? "" : $" ({spec.FormatDescription})";

    private static string Describe(IReadOnlyList<ParameterSpec> specs) =>
        string.Join(", ", specs.Select(s => s.Required ? s.Name : s.Name + " (optional)"));
}
