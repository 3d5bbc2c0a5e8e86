namespace Prism.Pipeline.Engine;

/// <summary>
/// Sets each parameter from the first source that has it: command line, then environment, then
/// <c>.nuke/parameters.json</c>; otherwise the field's initializer stays. Bad values are collected, not thrown one by one,
/// so people fix them all in one go.
/// </summary>
internal sealed class ParameterBinder(IReadOnlyDictionary<string, string> environment, ParametersFile file, string currentDirectory)
{
    private static readonly char[] ListSeparators = [' ', '\t', '+'];

    private sealed record RawValue(string Source, IReadOnlyList<string> Words, string BaseDirectory);

    /// <summary>Binds every parameter and returns one line per invalid value (empty when all is well).</summary>
    public IReadOnlyList<string> Bind(object build, IReadOnlyList<BuildParameter> parameters, BuildInvocation invocation)
    {
        RejectUnknownOptions(parameters, invocation);
        var errors = new List<string>();
        foreach (var parameter in parameters)
        {
            var raw = FromCommandLine(parameter, invocation) ?? FromEnvironment(parameter) ?? FromFile(parameter);
            if (raw is null)
            {
                continue;
            }

            if (ParameterValueConverter.TryConvert(parameter.Type, raw.Words, raw.BaseDirectory, out var value, out var expected))
            {
                parameter.SetValue(build, value);
                parameter.Source = raw.Source;
            }
            else
            {
                errors.Add($"{parameter.Option}: {raw.Source} gave '{string.Join(' ', raw.Words)}', expected {expected}.");
            }
        }

        return errors;
    }

    private static void RejectUnknownOptions(IReadOnlyList<BuildParameter> parameters, BuildInvocation invocation)
    {
        var known = parameters.Select(parameter => Names.Normalize(parameter.Name)).ToHashSet();
        var unknown = invocation.Options.FirstOrDefault(option => !known.Contains(Names.Normalize(option.Key)));
        if (unknown.Key is not null)
        {
            throw BuildException.UnknownOption("--" + unknown.Key,
                ArgumentParser.EngineOptions.Concat(parameters.Select(parameter => parameter.Option)));
        }
    }

    private RawValue? FromCommandLine(BuildParameter parameter, BuildInvocation invocation)
    {
        var matches = invocation.Options.Where(option => Names.Normalize(option.Key) == Names.Normalize(parameter.Name)).ToList();
        return matches.Count == 0
            ? null
            : new RawValue($"command line {parameter.Option}", matches.SelectMany(match => match.Value).ToList(), currentDirectory);
    }

    private RawValue? FromEnvironment(BuildParameter parameter)
    {
        var match = environment
            .Where(variable => !string.IsNullOrEmpty(variable.Value))
            .Select(variable => (variable, rank: EnvironmentRank(variable.Key, parameter.Name)))
            .Where(candidate => candidate.rank >= 0)
            .OrderBy(candidate => candidate.rank)
            .ThenBy(candidate => candidate.variable.Key, StringComparer.Ordinal)
            .Select(candidate => candidate.variable)
            .FirstOrDefault();
        return match.Key is null
            ? null
            : new RawValue($"environment variable {match.Key}", Words(parameter, match.Value), currentDirectory);
    }

    private RawValue? FromFile(BuildParameter parameter) =>
        file.Find(parameter.Name) is { } words
            ? new RawValue(ParametersFile.DisplayName, parameter.Type == typeof(string[]) && words.Count == 1 ? Words(parameter, words[0]) : words, file.BaseDirectory)
            : null;

    /// <summary>Lower is preferred: the exact name, then <c>PRISM_</c>, then <c>NUKE_</c>, then any casing or underscores.</summary>
    private static int EnvironmentRank(string variable, string name)
    {
        var wanted = Names.Normalize(name);
        if (variable == name)
        {
            return 0;
        }

        if (variable.StartsWith("PRISM_", StringComparison.OrdinalIgnoreCase) && Names.Normalize(variable[6..]) == wanted)
        {
            return 1;
        }

        if (variable.StartsWith("NUKE_", StringComparison.OrdinalIgnoreCase) && Names.Normalize(variable[5..]) == wanted)
        {
            return 2;
        }

        return Names.Normalize(variable) == wanted ? 3 : -1;
    }

    /// <summary>A list parameter's single text value is split on spaces or <c>+</c>; anything else stays one word.</summary>
    private static string[] Words(BuildParameter parameter, string text) =>
        parameter.Type == typeof(string[])
            ? text.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [text];
}
