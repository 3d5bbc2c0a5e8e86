namespace Prism.Pipeline.Engine;

/// <summary>
/// Parses NUKE's command line: words before the first option are targets; each <c>--option</c> takes the words after it
/// as its values. Engine options are taken here; the rest are left for the parameter binder.
/// </summary>
internal static class ArgumentParser
{
    public static readonly IReadOnlyList<string> EngineOptions =
        ["--target", "--skip", "--help", "--plan", "--root", "--verbosity", "--no-logo"];

    public static BuildInvocation Parse(IReadOnlyList<string> args)
    {
        var invocation = new BuildInvocation();
        var index = 0;
        while (index < args.Count && !IsOption(args[index]))
        {
            invocation.Targets.Add(args[index++]);
        }

        while (index < args.Count)
        {
            var option = args[index++];
            var values = new List<string>();
            while (index < args.Count && !IsOption(args[index]))
            {
                values.Add(args[index++]);
            }

            Apply(invocation, option, values);
        }

        return invocation;
    }

    private static bool IsOption(string word) => word.StartsWith('-') && word.Length > 1 && !char.IsDigit(word[1]);

    private static void Apply(BuildInvocation invocation, string option, List<string> values)
    {
        var name = option.TrimStart('-');
        switch (Names.Normalize(name))
        {
            case "target":
                invocation.Targets.AddRange(values);
                break;
            case "skip":
                (invocation.Skip ??= []).AddRange(values);
                break;
            case "help" or "h" or "?":
                invocation.Help = true;
                break;
            case "plan":
                invocation.Plan = true;
                break;
            case "nologo":
                invocation.NoLogo = true;
                break;
            case "root":
                invocation.Root = Single(option, values, "a folder");
                break;
            case "verbosity":
                invocation.Verbosity = ParseVerbosity(Single(option, values, "quiet, minimal, normal or verbose"));
                break;
            default:
                invocation.Options.Add(new(name, values));
                break;
        }
    }

    private static string Single(string option, List<string> values, string expected) =>
        values.Count == 1
            ? values[0]
            : throw BuildException.InvalidParameters([$"{option} takes exactly one value ({expected}); got {values.Count}."]);

    private static Verbosity ParseVerbosity(string value) =>
        Enum.TryParse<Verbosity>(value, ignoreCase: true, out var verbosity) && Enum.IsDefined(verbosity)
            ? verbosity
            : throw BuildException.InvalidParameters([$"--verbosity '{value}' is not a level; use quiet, minimal, normal or verbose."]);
}
